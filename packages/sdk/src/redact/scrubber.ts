import type { IncompleteTail } from "./boundary.js";
import { type FormMatcher, occursAt, type Units } from "./matcher.js";

/**
 * The compiled secrets for one kind of unit (UTF-8 bytes or UTF-16 code units). A `Redactor` builds
 * one of each lazily and rebuilds it after `register()`.
 */
export interface ScrubEngine {
  /** Every form of every secret long enough to scrub inside text; `undefined` when there is none. */
  readonly matcher: FormMatcher | undefined;
  /** Secrets too short to scrub inside text: replaced only when they are the whole text or stream. */
  readonly wholeOnly: readonly Units[];
  /** How many trailing units to hold back so that no character is split across outputs. */
  readonly incompleteTail: IncompleteTail;
}

/** What to release for one piece of input; see {@link StreamScrubber.plan}. */
export interface ScrubPlan {
  /** How many leading units are settled. The caller keeps the rest and puts it before the next piece. */
  readonly cut: number;
  /** The output for those units, as flat `[start, end]` pairs of units to copy; `[-1, -1]` is one mask. */
  readonly pieces: readonly number[];
}

/** The pair that stands for one `**********` in {@link ScrubPlan.pieces}. */
export const MASK_PIECE = -1;

/**
 * The one scrubbing loop, shared by the byte stream, the text stream and `redactText`. It decides,
 * for text that arrives in pieces, what can be released and what becomes a mask, so that the
 * concatenated output is exactly what scrubbing the whole text at once gives. It holds back only
 * the tail that may still become a match (shorter than the longest form), a character cut in two,
 * or — while the stream is no longer than them — a stream that may turn out to be a short secret.
 * The callers own the text and render the plan in their own representation.
 */
export class StreamScrubber {
  readonly #engine: () => ScrubEngine;
  /** How many leading units of the kept text are inside a range whose mask was already released. */
  #covered = 0;
  /** True while everything received may still be exactly one of the short secrets. */
  #atStart = true;

  /** @param engine returns the current compiled secrets; called on every piece, so it must be cheap. */
  constructor(engine: () => ScrubEngine) {
    this.#engine = engine;
  }

  /**
   * Plans the output for `text` — the units kept from the last plan followed by the next piece.
   * With `final`, everything is settled (the end of the stream).
   */
  plan(text: Units, final: boolean): ScrubPlan {
    const engine = this.#engine();
    if (this.#atStart) {
      const short = engine.wholeOnly.filter((secret) => secret.length >= text.length && occursAt(secret, text, 0, text.length));
      if (short.length > 0 && !final) return { cut: 0, pieces: [] };
      this.#atStart = false;
      if (text.length > 0 && short.some((secret) => secret.length === text.length)) {
        return { cut: text.length, pieces: [MASK_PIECE, MASK_PIECE] };
      }
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
    let i = 0;
    for (; i < ranges.length && ranges[i] < released; i += 2) released = Math.max(released, ranges[i + 1]);
    const pieces: number[] = [];
    for (; i < ranges.length && ranges[i] < cut; i += 2) {
      if (ranges[i] > released) pieces.push(released, ranges[i]);
      pieces.push(MASK_PIECE, MASK_PIECE);
      released = ranges[i + 1];
    }
    if (released < cut) {
      pieces.push(released, cut);
      released = cut;
    }
    // A range that runs past the cut is already masked; what of it is kept is remembered as covered.
    this.#covered = released - cut;
    return { cut, pieces };
  }
}
