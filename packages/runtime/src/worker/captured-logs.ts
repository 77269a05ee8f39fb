// Log capture for a worker running several predictions at once (a `@Concurrent` predictor).
import { AsyncLocalStorage } from "node:async_hooks";
import type { WorkerMessage } from "./protocol.js";

/** Sends one protocol message to the parent. */
type Post = (message: WorkerMessage) => Promise<void>;

/** What log capture keeps of one running prediction. */
export interface PredictionLogs {
  readonly id: string;
  /** What it printed since the last flush. */
  logs: Buffer[];
  flushScheduled: boolean;
  /** Its terminal message was sent: later writes in its async context go to the pipe. */
  ended: boolean;
}

/** The prediction whose code is running (its writes are routed to it). */
export const routing = new AsyncLocalStorage<PredictionLogs>();

/**
 * With several predictions in one process, the pipe cannot say whose a line is: `process.stdout` and
 * `process.stderr` writes (console included) made inside a prediction's code are sent to the parent as
 * that prediction's logs instead, in order with its outputs. Writes outside any prediction — module
 * code, a timer of a prediction that has ended, child processes writing to the file descriptors — go
 * to the pipe as before: the server's log. Either way the parent scrubs every byte.
 */
export function captureLogs(post: Post): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
      const owner = routing.getStore();
      if (!owner || owner.ended || (typeof chunk !== "string" && !(chunk instanceof Uint8Array))) return write(chunk, encoding, callback);
      const bytes =
        typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" && Buffer.isEncoding(encoding) ? encoding : "utf8")
          : Buffer.from(chunk);
      owner.logs.push(bytes);
      if (!owner.flushScheduled) {
        owner.flushScheduled = true;
        setImmediate(() => flushLogs(owner, post));
      }
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") process.nextTick(done as () => void);
      return true;
    }) as typeof stream.write;
  }
}

/** Sends what a prediction printed since the last flush, before anything else it sends. */
export function flushLogs(entry: PredictionLogs, post: Post): void {
  entry.flushScheduled = false;
  if (entry.logs.length === 0) return;
  // The channel is JSON (see forkWorker): the bytes cross as base64.
  const bytes = Buffer.concat(entry.logs).toString("base64");
  entry.logs = [];
  void post({ type: "log", id: entry.id, bytes });
}
