import { Transform, type TransformCallback } from "node:stream";
import { SECRET_MASK } from "../secret/secret.js";
import { MASK_PIECE, type StreamScrubber } from "./scrubber.js";

const MASK_BYTES = Buffer.from(SECRET_MASK);
const NOTHING = Buffer.alloc(0);

/**
 * A byte stream (`Transform`) that replaces every registered secret form with `**********`, also
 * when a form is split across writes: the tail that may still become a match is held back and
 * released with the next write or at the end. Output chunks never cut a UTF-8 character in two;
 * bytes that are not valid UTF-8 pass through unchanged. Create one with `Redactor.createStream()`.
 */
export class RedactingStream extends Transform {
  readonly #scrubber: StreamScrubber;
  /** Bytes received but not released yet: a possible start of a secret, or half a character. */
  #kept: Buffer = NOTHING;

  /** @param scrubber a byte scrubber; use `Redactor.createStream()` rather than calling this. */
  constructor(scrubber: StreamScrubber) {
    super();
    this.#scrubber = scrubber;
  }

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk;
    // Scrubbing the rest of the chunk in place and releasing the kept bytes as a chunk of their own
    // avoids this copy and is faster in memory, but the extra write made file and pipe pipelines
    // 15–25% slower: one output chunk per input chunk wins (BENCHMARKS.md, Redaction).
    callback(null, this.#scrub(this.#kept.length === 0 ? bytes : Buffer.concat([this.#kept, bytes]), false));
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.#scrub(this.#kept, true));
  }

  #scrub(bytes: Buffer, final: boolean): Buffer | undefined {
    const plan = this.#scrubber.plan(bytes, final);
    // A copy: the writer may reuse its buffer once the write has been handled.
    this.#kept = plan.cut === bytes.length ? NOTHING : Buffer.from(bytes.subarray(plan.cut));
    const out = renderBytes(bytes, plan.pieces);
    return out.length === 0 ? undefined : out;
  }
}

/**
 * The bytes a plan describes. A chunk without secrets comes back as a view of the input, not a copy,
 * so the common case costs no more than a pass-through.
 */
export function renderBytes(bytes: Buffer, pieces: readonly number[]): Buffer {
  if (pieces.length === 2 && pieces[0] !== MASK_PIECE) return bytes.subarray(pieces[0], pieces[1]);
  const parts: Buffer[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    parts.push(pieces[i] === MASK_PIECE ? MASK_BYTES : bytes.subarray(pieces[i], pieces[i + 1]));
  }
  return Buffer.concat(parts);
}
