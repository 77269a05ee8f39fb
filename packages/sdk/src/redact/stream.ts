import { Transform, type TransformCallback } from "node:stream";
import type { StreamScrubber } from "./scrubber.js";

/**
 * A byte stream (`Transform`) that replaces every registered secret form with `**********`, also
 * when a form is split across writes: the tail that may still become a match is held back and
 * released with the next write or at the end. Output chunks never cut a UTF-8 character in two;
 * bytes that are not valid UTF-8 pass through unchanged. Create one with `Redactor.createStream()`.
 */
export class RedactingStream extends Transform {
  readonly #scrubber: StreamScrubber;

  /** @param scrubber a byte scrubber; use `Redactor.createStream()` rather than calling this. */
  constructor(scrubber: StreamScrubber) {
    super();
    this.#scrubber = scrubber;
  }

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk;
    // latin1 maps each byte to one unit and back, so any byte sequence (valid UTF-8 or not) survives.
    const held = this.#scrubber.pending;
    const out = this.#scrubber.push(bytes.toString("latin1"));
    const fromChunk = out.length - held.length;
    if (!this.#scrubber.verbatim || fromChunk <= 0) return callback(null, toBuffer(out));
    // Most chunks hold no secret: release the input buffer itself (or a view of it), not a re-encoded copy.
    const head = bytes.subarray(0, fromChunk);
    callback(null, held === "" ? head : Buffer.concat([Buffer.from(held, "latin1"), head]));
  }

  override _flush(callback: TransformCallback): void {
    callback(null, toBuffer(this.#scrubber.end()));
  }
}

/** Bytes back from their latin1 units; `undefined` (nothing to push) when there are none. */
function toBuffer(units: string): Buffer | undefined {
  return units === "" ? undefined : Buffer.from(units, "latin1");
}
