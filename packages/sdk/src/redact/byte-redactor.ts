import type { StreamScrubber } from "./scrubber.js";
import { renderBytes } from "./stream.js";

const NOTHING = Buffer.alloc(0);

/**
 * Scrubs bytes that arrive in pieces — a process's output — as one stream, synchronously: what
 * {@link RedactingStream} does, for a caller that must know what was released before it goes on
 * (the prediction core attributes each stretch of a worker's output to one prediction). A form split
 * across pieces is still caught; bytes that are not valid UTF-8 pass through unchanged. Create one
 * with `Redactor.createByteScrubber()`; call {@link ByteRedactor.push} per piece, {@link ByteRedactor.end} once.
 */
export class ByteRedactor {
  readonly #scrubber: StreamScrubber;
  #kept: Buffer = NOTHING;

  /** @param scrubber a byte scrubber; use `Redactor.createByteScrubber()` rather than calling this. */
  constructor(scrubber: StreamScrubber) {
    this.#scrubber = scrubber;
  }

  /** Scrubs the next piece and returns what can be released now (possibly nothing: a tail that may start a secret is kept). */
  push(bytes: Buffer): Buffer {
    return this.#scrub(this.#kept.length === 0 ? bytes : Buffer.concat([this.#kept, bytes]), false);
  }

  /** Returns the rest. Call it once, after the last piece. */
  end(): Buffer {
    return this.#scrub(this.#kept, true);
  }

  #scrub(bytes: Buffer, final: boolean): Buffer {
    const plan = this.#scrubber.plan(bytes, final);
    this.#kept = plan.cut === bytes.length ? NOTHING : Buffer.from(bytes.subarray(plan.cut));
    return Buffer.from(renderBytes(bytes, plan.pieces));
  }
}
