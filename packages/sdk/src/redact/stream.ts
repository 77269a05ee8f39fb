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
    const units = bytes.toString("latin1");
    const out = this.#scrubber.push(units);
    // Most chunks hold no secret and end cleanly: pass the original buffer on instead of a copy.
    callback(null, out === units ? bytes : toBuffer(out));
  }

  override _flush(callback: TransformCallback): void {
    callback(null, toBuffer(this.#scrubber.end()));
  }
}

/** Bytes back from their latin1 units; `undefined` (nothing to push) when there are none. */
function toBuffer(units: string): Buffer | undefined {
  return units === "" ? undefined : Buffer.from(units, "latin1");
}
