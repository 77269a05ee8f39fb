import { BLOCK, blockHash, HASH_SIZE, SkipScan } from "./skip-scan.js";

/**
 * Text as code units: UTF-8 bytes (a Buffer) for streams, or the UTF-16 code units of a JavaScript
 * string. Matching on units, never on decoded characters, keeps any byte sequence intact.
 */
export type Units = Uint8Array | Uint16Array;

/**
 * Finds every occurrence of a fixed set of needles (the forms of the secrets), with the Wu–Manber
 * multi-pattern algorithm: {@link SkipScan} skips most of the text, and the places it stops at are
 * checked against the needles whose window ends with the same block. Needles must be at least 3 units long.
 */
export class FormMatcher {
  /** Length of the longest needle, in units. */
  readonly maxLength: number;
  /** Length of the shortest needle, in units: a shorter text holds none. */
  readonly minLength: number;
  readonly #scan: SkipScan;
  /** Needles by the hash of their window's last block, longest first (dense: fast to index). */
  readonly #buckets = new Array<Units[] | undefined>(HASH_SIZE).fill(undefined);
  /** Needles by their first unit, to tell whether a text ends with the start of one. */
  readonly #byFirstUnit = new Map<number, Units[]>();
  /** 1 where some needle starts with that pair of units (low bytes only): a quick filter. */
  readonly #firstPairs = new Uint8Array(1 << 16);

  constructor(needles: readonly Units[]) {
    const sorted = [...needles].sort((a, b) => b.length - a.length);
    if (sorted.length === 0 || sorted[sorted.length - 1].length < BLOCK) {
      throw new RangeError(`FormMatcher needs at least one needle, each of at least ${BLOCK} units`);
    }
    this.maxLength = sorted[0].length;
    this.minLength = sorted[sorted.length - 1].length;
    this.#scan = new SkipScan(sorted);
    for (const needle of sorted) {
      (this.#buckets[blockHash(needle, this.#scan.window - 1)] ??= []).push(needle);
      this.#firstPairs[pairKey(needle, 0)] = 1;
      const sameStart = this.#byFirstUnit.get(needle[0]);
      if (sameStart === undefined) this.#byFirstUnit.set(needle[0], [needle]);
      else sameStart.push(needle);
    }
  }

  /**
   * The occurrences in `text` as a flat list `[start, end, start, end, …]`, ascending, where
   * occurrences that overlap are merged into one range (so the tail of one needle cannot survive
   * next to another). Ranges that only touch stay apart.
   */
  ranges(text: Units): number[] {
    const ranges: number[] = [];
    for (const end of this.#scan.candidates(text)) {
      const start = end - this.#scan.window + 1;
      // A candidate's block ends some needle's window, so its bucket exists.
      for (const needle of this.#buckets[blockHash(text, end)] as Units[]) {
        if (!occursAt(needle, text, start, needle.length)) continue;
        const last = ranges.length - 1;
        if (last > 0 && start < ranges[last]) ranges[last] = Math.max(ranges[last], start + needle.length);
        else ranges.push(start, start + needle.length);
        break; // the bucket is longest first, so this is the longest occurrence starting here
      }
    }
    return ranges;
  }

  /**
   * The earliest position from which the rest of `text` is a proper prefix of some needle — where
   * an occurrence may still be completed by text that has not arrived — or `text.length` if none.
   */
  liveTailStart(text: Units): number {
    const n = text.length;
    for (let start = Math.max(0, n - this.maxLength + 1); start < n; start++) {
      if (start < n - 1 && this.#firstPairs[pairKey(text, start)] === 0) continue;
      for (const needle of this.#byFirstUnit.get(text[start]) ?? []) {
        if (needle.length > n - start && occursAt(needle, text, start, n - start)) return start;
      }
    }
    return n;
  }
}

/** Whether the first `length` units of `needle` are in `text` at `start`. */
export function occursAt(needle: Units, text: Units, start: number, length: number): boolean {
  if (start + length > text.length) return false;
  for (let i = 0; i < length; i++) {
    if (text[start + i] !== needle[i]) return false;
  }
  return true;
}

function pairKey(units: Units, start: number): number {
  return ((units[start] & 0xff) << 8) | (units[start + 1] & 0xff);
}
