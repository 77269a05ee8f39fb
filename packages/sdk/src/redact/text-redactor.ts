import { SECRET_MASK } from "../secret/secret.js";
import { MASK_PIECE, type StreamScrubber } from "./scrubber.js";

/**
 * Scrubs text that arrives in pieces — a generator's string chunks — as one stream: a secret split
 * across pieces is still replaced, and the concatenated output equals `Redactor.redactText` of the
 * concatenated input. A surrogate pair is never cut in two across outputs. Create one with
 * `Redactor.createTextScrubber()`; call {@link TextRedactor.push} for each piece and
 * {@link TextRedactor.end} once at the end.
 */
export class TextRedactor {
  readonly #scrubber: StreamScrubber;
  /** Text received but not released yet. */
  #kept = "";

  /** @param scrubber a text scrubber; use `Redactor.createTextScrubber()` rather than calling this. */
  constructor(scrubber: StreamScrubber) {
    this.#scrubber = scrubber;
  }

  /**
   * Scrubs the next piece and returns what can be released now. It may be shorter than the piece
   * (a tail that may start a secret is kept) or `""`; nothing is lost, it comes with later output.
   */
  push(text: string): string {
    return this.#scrub(this.#kept + text, false);
  }

  /** Returns the rest of the output. Call it once, after the last piece. */
  end(): string {
    return this.#scrub(this.#kept, true);
  }

  #scrub(text: string, final: boolean): string {
    const plan = this.#scrubber.plan(utf16Units(text), final);
    this.#kept = text.slice(plan.cut);
    let out = "";
    for (let i = 0; i < plan.pieces.length; i += 2) {
      out += plan.pieces[i] === MASK_PIECE ? SECRET_MASK : text.slice(plan.pieces[i], plan.pieces[i + 1]);
    }
    return out;
  }
}

/** The UTF-16 code units of a string, lone surrogates included (an encoder would replace them). */
export function utf16Units(text: string): Uint16Array {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}
