import type { Readable } from "node:stream";
import { BoundarySplitter } from "./boundary-splitter.js";
import { type LogChannel, LogSegment } from "./log-segment.js";

/**
 * A worker's stdout and stderr, cut into numbered segments — 0 for setup, n for the worker's n-th
 * prediction — at the boundary lines the worker writes (see the runtime protocol's `logMarker`).
 * Bytes on a pipe belong to the lowest segment that pipe has not ended yet. A segment ends on a pipe
 * when that pipe's boundary for it (or a later one) arrives, when the caller learns there will be
 * none ({@link WorkerLogs.endThrough}), or when the pipe closes (the worker exited).
 */
export class WorkerLogs {
  readonly #segments = new Map<number, LogSegment>();
  /** Per pipe: the segment its next bytes belong to. */
  readonly #open: Record<LogChannel, number> = { stdout: 0, stderr: 0 };
  readonly #closed = new Set<LogChannel>();

  /** @param prefix the boundary prefix given to the worker as `logMarker`. */
  constructor(pipes: Readonly<Record<LogChannel, Readable>>, prefix: string) {
    for (const channel of ["stdout", "stderr"] as const) {
      const splitter = new BoundarySplitter(
        prefix,
        (bytes) => this.segment(this.#open[channel]).write(channel, bytes),
        (sequence) => this.endThrough(channel, sequence),
      );
      const pipe = pipes[channel];
      pipe.on("data", (chunk: Buffer) => splitter.push(chunk));
      pipe.on("error", () => {});
      pipe.once("close", () => {
        splitter.end();
        this.#closed.add(channel);
        for (const [index, segment] of this.#segments) if (index >= this.#open[channel]) segment.end(channel);
      });
    }
  }

  /** Segment `index`, made on first use. */
  segment(index: number): LogSegment {
    let segment = this.#segments.get(index);
    if (!segment) {
      segment = new LogSegment();
      this.#segments.set(index, segment);
      if (index < this.#open.stdout) segment.end("stdout");
      if (index < this.#open.stderr) segment.end("stderr");
      for (const channel of this.#closed) segment.end(channel);
    }
    return segment;
  }

  /** Ends every segment up to `index` on `channel`; a boundary for an older segment is then ignored. */
  endThrough(channel: LogChannel, index: number): void {
    while (this.#open[channel] <= index) this.segment(this.#open[channel]++).end(channel);
  }

  /** Forgets segments before `index` (their predictions are over). */
  release(index: number): void {
    for (const key of this.#segments.keys()) if (key < index) this.#segments.delete(key);
  }
}
