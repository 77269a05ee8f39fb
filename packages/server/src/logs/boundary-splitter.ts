/** The longest sequence number a boundary line may carry, in digits. */
const MAX_DIGITS = 15;
const NEWLINE = 0x0a;

/**
 * Splits a byte stream at boundary lines `<prefix><n>\n` (the worker's log markers), also when a
 * line arrives cut across chunks: bytes before it go to `onData`, the line itself is dropped and its
 * `n` reported to `onBoundary`. A tail that may still become a boundary line is held back until the
 * next chunk, or {@link BoundarySplitter.end}, shows whether it is one. The prefix holds an unguessable
 * nonce, so ordinary output never matches it by chance.
 */
export class BoundarySplitter {
  readonly #prefix: Buffer;
  readonly #onData: (bytes: Buffer) => void;
  readonly #onBoundary: (sequence: number) => void;
  #held: Buffer = Buffer.alloc(0);

  constructor(prefix: string, onData: (bytes: Buffer) => void, onBoundary: (sequence: number) => void) {
    this.#prefix = Buffer.from(prefix, "utf8");
    if (this.#prefix.length === 0) throw new RangeError("the boundary prefix must not be empty");
    this.#onData = onData;
    this.#onBoundary = onBoundary;
  }

  /** Feeds the next chunk. */
  push(chunk: Buffer): void {
    let bytes = this.#held.length === 0 ? chunk : Buffer.concat([this.#held, chunk]);
    let from = 0;
    for (;;) {
      const at = bytes.indexOf(this.#prefix, from);
      if (at < 0) break;
      const line = this.#boundaryAt(bytes, at);
      if (line === "incomplete") {
        this.#release(bytes.subarray(0, at));
        this.#held = Buffer.from(bytes.subarray(at));
        return;
      }
      if (line === undefined) {
        from = at + 1;
        continue;
      }
      this.#release(bytes.subarray(0, at));
      this.#onBoundary(line.sequence);
      bytes = bytes.subarray(line.end);
      from = 0;
    }
    const keep = this.#partialPrefixAtEnd(bytes);
    this.#release(bytes.subarray(0, bytes.length - keep));
    this.#held = keep === 0 ? Buffer.alloc(0) : Buffer.from(bytes.subarray(bytes.length - keep));
  }

  /** The stream ended: what was held back was not a boundary after all. */
  end(): void {
    this.#release(this.#held);
    this.#held = Buffer.alloc(0);
  }

  #release(bytes: Buffer): void {
    if (bytes.length > 0) this.#onData(bytes);
  }

  /** The boundary line starting at `at` (where the prefix is), `incomplete` if it may still be one, or `undefined`. */
  #boundaryAt(bytes: Buffer, at: number): { sequence: number; end: number } | "incomplete" | undefined {
    let i = at + this.#prefix.length;
    const digitsStart = i;
    while (i < bytes.length && bytes[i] >= 0x30 && bytes[i] <= 0x39 && i - digitsStart < MAX_DIGITS) i++;
    if (i === bytes.length) return "incomplete";
    if (bytes[i] !== NEWLINE || i === digitsStart) return undefined;
    return { sequence: Number(bytes.subarray(digitsStart, i).toString("latin1")), end: i + 1 };
  }

  /** The length of the longest end of `bytes` that is a proper start of the prefix. */
  #partialPrefixAtEnd(bytes: Buffer): number {
    const first = this.#prefix[0];
    for (let length = Math.min(bytes.length, this.#prefix.length - 1); length > 0; length--) {
      const start = bytes.length - length;
      if (bytes[start] === first && bytes.subarray(start).equals(this.#prefix.subarray(0, length))) return length;
    }
    return 0;
  }
}
