import type { StreamScrubber } from "./scrubber.js";

/**
 * Scrubs text that arrives in pieces — a generator's string chunks — as one stream: a secret split
 * across pieces is still replaced, and the concatenated output equals `Redactor.redactText` of the
 * concatenated input. A surrogate pair is never cut in two across outputs. Create one with
 * `Redactor.createTextScrubber()`; call {@link TextRedactor.push} for each piece and
 * {@link TextRedactor.end} once at the end.
 */
export class TextRedactor {
  readonly #scrubber: StreamScrubber;

  /** @param scrubber a text scrubber; use `Redactor.createTextScrubber()` rather than calling this. */
  constructor(scrubber: StreamScrubber) {
    this.#scrubber = scrubber;
  }

  /**
   * Scrubs the next piece and returns what can be released now. It may be shorter than the piece
   * (a tail that may start a secret is kept) or `""`; nothing is lost, it comes with later output.
   */
  push(text: string): string {
    return this.#scrubber.push(text);
  }

  /** Returns the rest of the output. Call it once, after the last piece. */
  end(): string {
    return this.#scrubber.end();
  }
}
