import type { Units } from "./matcher.js";

/** Needles are indexed and text is scanned by blocks of this many units. */
export const BLOCK = 3;
/** Block hashes are below this; tables indexed by them have this many entries. */
export const HASH_SIZE = 1 << 15;
/** Shifts are kept in a Uint8Array, so only the first 257 units of the shortest needle count. */
const MAX_WINDOW = 255 + BLOCK - 1;

/**
 * Hash of the three units ending at `end`; the same function indexes needles and scans text. Shifts
 * and xors only: the scan is bound by this dependency chain, and a multiply made it ~25% slower.
 */
export function blockHash(units: Units, end: number): number {
  return ((units[end - 2] << 8) ^ (units[end - 1] << 4) ^ units[end]) & (HASH_SIZE - 1);
}

/**
 * The skipping half of the Wu–Manber multi-pattern search. A window as long as the shortest needle
 * slides over the text; the block at its end says, through a table built from every needle, how far
 * it may jump without passing an occurrence. Where the jump is 0 a needle may start; the caller checks.
 */
export class SkipScan {
  /** Units of each needle that the table covers: the shortest needle's length, at most 257. */
  readonly window: number;
  readonly #shift: Uint8Array;

  /** @param needles at least one, each of at least {@link BLOCK} units. */
  constructor(needles: readonly Units[]) {
    this.window = Math.min(MAX_WINDOW, ...needles.map((needle) => needle.length));
    this.#shift = new Uint8Array(HASH_SIZE).fill(this.window - BLOCK + 1);
    for (const needle of needles) {
      for (let end = BLOCK - 1; end < this.window; end++) {
        const hash = blockHash(needle, end);
        this.#shift[hash] = Math.min(this.#shift[hash], this.window - 1 - end);
      }
    }
  }

  /**
   * The window ends where the jump is 0, ascending. Four lanes scan the four quarters of the text at
   * once: each jump waits for a table lookup that waits for the text, and four independent chains of
   * those keep the CPU busy (about twice as fast as one lane).
   */
  candidates(text: Units): number[] {
    const shift = this.#shift;
    const quarter = Math.floor(Math.max(0, text.length - this.window + 1) / 4);
    const limit1 = quarter + this.window - 1;
    const limit2 = limit1 + quarter;
    const limit3 = limit2 + quarter;
    const hits0: number[] = [];
    const hits1: number[] = [];
    const hits2: number[] = [];
    const hits3: number[] = [];
    let end0 = this.window - 1;
    let end1 = limit1;
    let end2 = limit2;
    let end3 = limit3;
    while (end0 < limit1 && end1 < limit2 && end2 < limit3 && end3 < text.length) {
      const jump0 = shift[blockHash(text, end0)];
      const jump1 = shift[blockHash(text, end1)];
      const jump2 = shift[blockHash(text, end2)];
      const jump3 = shift[blockHash(text, end3)];
      if (jump0 === 0) hits0.push(end0);
      if (jump1 === 0) hits1.push(end1);
      if (jump2 === 0) hits2.push(end2);
      if (jump3 === 0) hits3.push(end3);
      end0 += jump0 || 1;
      end1 += jump1 || 1;
      end2 += jump2 || 1;
      end3 += jump3 || 1;
    }
    this.#scanLane(text, end0, limit1, hits0);
    this.#scanLane(text, end1, limit2, hits1);
    this.#scanLane(text, end2, limit3, hits2);
    this.#scanLane(text, end3, text.length, hits3);
    return hits0.concat(hits1, hits2, hits3);
  }

  /** Finishes one lane alone, from window end `end` to `limit`. */
  #scanLane(text: Units, end: number, limit: number, hits: number[]): void {
    while (end < limit) {
      const jump = this.#shift[blockHash(text, end)];
      if (jump === 0) hits.push(end);
      end += jump || 1;
    }
  }
}
