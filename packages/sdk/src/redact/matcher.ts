const BLOCK = 3;
const HASH_MASK = (1 << 15) - 1;
/** Shifts are kept in a Uint8Array, so only the first 257 units of the shortest needle count. */
const MAX_WINDOW = 255 + BLOCK - 1;

/**
 * Hash of the three units ending at `end`; the same function indexes needles and scans text. Shifts
 * and xors only: the scan is bound by this dependency chain, and a multiply made it ~25% slower.
 */
function blockHash(text: string, end: number): number {
  return ((text.charCodeAt(end - 2) << 8) ^ (text.charCodeAt(end - 1) << 4) ^ text.charCodeAt(end)) & HASH_MASK;
}

/**
 * Finds every occurrence of a fixed set of needles in a string, with the Wu–Manber multi-pattern
 * algorithm: a table of 3-unit blocks tells how far the scan window may jump, so most of the text is
 * skipped without being compared. The same matcher serves JavaScript strings (UTF-16 units) and
 * bytes held as latin1 strings (one unit per byte). Needles must be at least 3 units long.
 */
export class FormMatcher {
  /** Length of the longest needle, in units. */
  readonly maxLength: number;
  readonly #window: number;
  readonly #shift: Uint8Array;
  /** Needles by the hash of their window's last block, longest first (dense: fast to index). */
  readonly #buckets: (string[] | undefined)[] = new Array<string[] | undefined>(HASH_MASK + 1).fill(undefined);
  /** Needles by their first unit, to tell whether a text ends with the start of one. */
  readonly #byFirstUnit = new Map<number, string[]>();
  /** Set where some needle starts with that pair of units, indexed by {@link pairKey}: a quick filter. */
  readonly #firstPairs = new Uint8Array(1 << 16);

  constructor(needles: readonly string[]) {
    const sorted = [...new Set(needles)].sort((a, b) => b.length - a.length);
    if (sorted.length === 0 || sorted[sorted.length - 1].length < BLOCK) {
      throw new RangeError(`FormMatcher needs at least one needle, each of at least ${BLOCK} units`);
    }
    this.maxLength = sorted[0].length;
    this.#window = Math.min(sorted[sorted.length - 1].length, MAX_WINDOW);
    this.#shift = new Uint8Array(HASH_MASK + 1).fill(this.#window - BLOCK + 1);
    for (const needle of sorted) {
      for (let end = BLOCK - 1; end < this.#window; end++) {
        const hash = blockHash(needle, end);
        this.#shift[hash] = Math.min(this.#shift[hash], this.#window - 1 - end);
      }
      (this.#buckets[blockHash(needle, this.#window - 1)] ??= []).push(needle);
      this.#firstPairs[pairKey(needle, 0)] = 1;
      const first = needle.charCodeAt(0);
      const sameStart = this.#byFirstUnit.get(first);
      if (sameStart === undefined) this.#byFirstUnit.set(first, [needle]);
      else sameStart.push(needle);
    }
  }

  /**
   * The occurrences in `text` as a flat list `[start, end, start, end, …]`, ascending, where
   * occurrences that overlap are merged into one range (so the tail of one needle cannot survive
   * next to another). Ranges that only touch stay apart.
   */
  ranges(text: string): number[] {
    const ranges: number[] = [];
    const window = this.#window;
    const shift = this.#shift;
    for (let end = window - 1; end < text.length; ) {
      const hash = blockHash(text, end);
      const jump = shift[hash];
      if (jump !== 0) {
        end += jump;
        continue;
      }
      const start = end - window + 1;
      // A jump of 0 means the block ends some needle's window, so the bucket exists.
      const bucket = this.#buckets[hash] as string[];
      const first = text.charCodeAt(start);
      for (let k = 0; k < bucket.length; k++) {
        const needle = bucket[k];
        if (needle.charCodeAt(0) !== first || !text.startsWith(needle, start)) continue;
        const last = ranges.length - 1;
        if (last > 0 && start < ranges[last]) ranges[last] = Math.max(ranges[last], start + needle.length);
        else ranges.push(start, start + needle.length);
        break; // the bucket is longest first, so this is the longest occurrence starting here
      }
      end++;
    }
    return ranges;
  }

  /**
   * The earliest position from which the rest of `text` is a proper prefix of some needle — where
   * an occurrence may still be completed by text that has not arrived — or `text.length` if none.
   */
  liveTailStart(text: string): number {
    const n = text.length;
    for (let start = Math.max(0, n - this.maxLength + 1); start < n; start++) {
      if (start < n - 1 && this.#firstPairs[pairKey(text, start)] === 0) continue;
      const candidates = this.#byFirstUnit.get(text.charCodeAt(start));
      if (candidates === undefined) continue;
      for (const needle of candidates) {
        if (needle.length > n - start && startsWithRest(needle, text, start)) return start;
      }
    }
    return n;
  }
}

/** The low bytes of the two units at `start`: collisions between UTF-16 units are fine in a filter. */
function pairKey(text: string, start: number): number {
  return ((text.charCodeAt(start) & 0xff) << 8) | (text.charCodeAt(start + 1) & 0xff);
}

/** Whether `needle` begins with `text.slice(from)`, compared in place. */
function startsWithRest(needle: string, text: string, from: number): boolean {
  for (let i = from + 1; i < text.length; i++) {
    if (text.charCodeAt(i) !== needle.charCodeAt(i - from)) return false;
  }
  return true;
}
