import { SECRET_MASK } from "../secret/secret.js";
import type { IncompleteTail } from "./boundary.js";
import type { FormMatcher } from "./matcher.js";

/**
 * The compiled secrets for one kind of unit: JavaScript strings, or bytes held one per unit as latin1
 * strings. A `Redactor` builds one of each lazily and rebuilds it after `register()`.
 */
export interface ScrubEngine {
  /** Every form of every secret long enough to scrub inside text; `undefined` when there is none. */
  readonly matcher: FormMatcher | undefined;
  /** Secrets too short to scrub inside text: replaced only when they are the whole text or stream. */
  readonly wholeOnly: readonly string[];
  /** How many trailing units to hold back so that no character is split across outputs. */
  readonly incompleteTail: IncompleteTail;
}

/**
 * The one scrubbing loop, shared by `Redactor.redactText`, the byte stream and the text stream. It is fed
 * text in pieces and returns what can be released so far; the concatenated output is exactly what
 * scrubbing the whole text at once gives. It holds back only the tail that may still become a match
 * (at most the longest form), a character cut in two, or — until the stream is longer than them —
 * a stream that may turn out to be exactly a short secret.
 */
export class StreamScrubber {
  readonly #engine: () => ScrubEngine;
  /** Units received but not released yet. */
  #pending = "";
  /** How many leading units of `#pending` are inside a range whose mask was already released. */
  #covered = 0;
  /** True while everything received may still be exactly one of the short secrets. */
  #atStart = true;
  #verbatim = true;

  /** @param engine returns the current compiled secrets; called on every piece, so it must be cheap. */
  constructor(engine: () => ScrubEngine) {
    this.#engine = engine;
  }

  /** The units received but not released yet (at most about the longest form). */
  get pending(): string {
    return this.#pending;
  }

  /**
   * True when the last output was exactly the first units of `pending + piece` as they were before
   * that call, nothing replaced — so a byte stream can pass its input buffer on instead of a copy.
   */
  get verbatim(): boolean {
    return this.#verbatim;
  }

  /** Scrubs the next piece and returns the output that is settled, possibly `""`. */
  push(units: string): string {
    return this.#scrub(this.#withPending(units), false);
  }

  /** Scrubs a last piece, if any, and returns all the remaining output. */
  end(units = ""): string {
    return this.#scrub(this.#withPending(units), true);
  }

  #withPending(units: string): string {
    // `+` would make a rope that V8 reads about 40% slower in the matcher's loop; join copies it flat.
    return this.#pending === "" ? units : [this.#pending, units].join("");
  }

  #scrub(text: string, final: boolean): string {
    const engine = this.#engine();
    if (this.#atStart) {
      const mayBeShortSecret = engine.wholeOnly.some((secret) => secret.startsWith(text));
      if (mayBeShortSecret && !final) return this.#settle(text, "", true);
      this.#atStart = false;
      if (final && text !== "" && engine.wholeOnly.includes(text)) return this.#settle("", SECRET_MASK, false);
    }
    const matcher = engine.matcher;
    let cut = text.length;
    if (!final) {
      cut = matcher === undefined ? cut : matcher.liveTailStart(text);
      if (cut === text.length) cut -= engine.incompleteTail(text);
    }
    const ranges = matcher === undefined ? [] : matcher.ranges(text);
    // Occurrences that start inside the range already masked extend it; they get no mask of their own.
    let released = this.#covered;
    const verbatim = released === 0 && (ranges.length === 0 || ranges[0] >= cut);
    let i = 0;
    for (; i < ranges.length && ranges[i] < released; i += 2) released = Math.max(released, ranges[i + 1]);
    let out = "";
    for (; i < ranges.length && ranges[i] < cut; i += 2) {
      out += text.slice(released, ranges[i]) + SECRET_MASK;
      released = ranges[i + 1];
    }
    if (released < cut) {
      out += text.slice(released, cut);
      released = cut;
    }
    // A range that runs past the cut is already masked; what of it stays pending is remembered as covered.
    this.#covered = released - cut;
    return this.#settle(text.slice(cut), out, verbatim);
  }

  #settle(pending: string, out: string, verbatim: boolean): string {
    this.#pending = pending;
    this.#verbatim = verbatim;
    if (pending === "") this.#covered = 0;
    return out;
  }
}
