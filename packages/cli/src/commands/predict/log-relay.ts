import { finished } from "node:stream/promises";
import type { PredictorWorker } from "@tsc-cog/runtime";
import type { Redactor } from "@tsc-cog/sdk";
import type { CommandIO } from "../../io.js";

/** At most this much of the predictor's logs is kept for the --json envelope (the terminal gets all of it). */
const MAX_KEPT = 8 * 1024 * 1024;

/**
 * Relays the worker's stdout and stderr, each through its own redacting stream, to the CLI's
 * stderr (stdout carries only the output), and keeps the scrubbed text for the --json envelope.
 */
export class LogRelay {
  readonly #done: Promise<unknown>;
  #kept = "";

  constructor(worker: PredictorWorker, redactor: Redactor, io: CommandIO, quiet: boolean) {
    const relay = (source: NodeJS.ReadableStream) => {
      const scrubbed = source.pipe(redactor.createStream());
      scrubbed.on("data", (chunk: Buffer) => {
        const text = chunk.toString("utf8");
        if (this.#kept.length < MAX_KEPT) this.#kept += text;
        if (!quiet) {
          io.status.clear();
          io.stderr.write(chunk);
        }
      });
      return finished(scrubbed).catch(() => {});
    };
    this.#done = Promise.all([relay(worker.stdout), relay(worker.stderr)]);
  }

  /** Resolves when both streams have ended (the worker exited) and everything was written. */
  drained(): Promise<unknown> {
    return this.#done;
  }

  /** The scrubbed logs so far. */
  text(): string {
    return this.#kept;
  }
}
