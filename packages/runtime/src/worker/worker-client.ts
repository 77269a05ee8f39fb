import type { ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";
import { WorkerExitedError, WorkerFailure } from "./errors.js";
import { forkWorker } from "./fork-worker.js";
import type { LogPipe, ParentMessage, WireError, WireSpec, WireValue, WorkerMessage } from "./protocol.js";

/** How to start a worker. */
export interface WorkerOptions {
  /** `path/to/predict.ts[:Export]`, relative to `cwd`. */
  readonly ref: string;
  /** The worker's working directory: the project folder. */
  readonly cwd: string;
  /** The worker's whole environment (the caller removes what it must not see). */
  readonly env: NodeJS.ProcessEnv;
}

/** One event of a running prediction. */
export type PredictionEvent =
  | { readonly type: "output"; readonly value: WireValue }
  | { readonly type: "done"; readonly value?: WireValue; readonly logMarkers?: readonly LogPipe[] }
  | { readonly type: "failed"; readonly error: WireError; readonly logMarkers?: readonly LogPipe[] }
  | { readonly type: "invalid"; readonly messages: readonly string[]; readonly logMarkers?: readonly LogPipe[] };

/**
 * The parent's handle on a worker process: its raw stdout/stderr pipes (to be scrubbed by the
 * caller), and typed calls for each protocol step. A worker that exits while a call waits fails it
 * with {@link WorkerExitedError}.
 */
export class PredictorWorker {
  readonly #child: ChildProcess;
  readonly #waiters = new Set<(message: WorkerMessage | { type: "exit"; error: WorkerExitedError }) => void>();
  readonly #backlog: WorkerMessage[] = [];
  #exit: WorkerExitedError | undefined;
  readonly exited: Promise<WorkerExitedError>;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on("message", (message: WorkerMessage) => this.#dispatch(message));
    this.exited = new Promise((resolve) => {
      child.on("exit", (code, signal) => {
        this.#exit = new WorkerExitedError(code, signal);
        for (const waiter of [...this.#waiters]) waiter({ type: "exit", error: this.#exit });
        resolve(this.#exit);
      });
      child.on("error", () => {});
    });
  }

  /** Forks the worker at once; it starts loading the predictor while the caller does other work. */
  static start(options: WorkerOptions): PredictorWorker {
    return new PredictorWorker(forkWorker(options.ref, options));
  }

  /**
   * Takes over a worker forked earlier without a predictor (`forkWorker(undefined, …)`, the CLI's
   * fast path) and tells it which predictor to load, in which folder, with which extra environment.
   */
  static adopt(child: ChildProcess, options: WorkerOptions): PredictorWorker {
    const worker = new PredictorWorker(child);
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.env)) if (value !== undefined && process.env[key] !== value) env[key] = value;
    const unset = Object.keys(process.env).filter((key) => options.env[key] === undefined);
    worker.#send({ type: "load", ref: options.ref, cwd: options.cwd, env, unset });
    return worker;
  }

  /** The predictor's stdout, unscrubbed. */
  get stdout(): Readable {
    return this.#child.stdout as Readable;
  }

  /** The predictor's stderr, unscrubbed. */
  get stderr(): Readable {
    return this.#child.stderr as Readable;
  }

  /** The predictor's description, once loaded; rejects with a {@link WorkerFailure} of stage `load`. */
  async spec(): Promise<WireSpec> {
    const message = await this.#next(["spec", "load-failed"]);
    if (message.type === "spec") return message.spec;
    throw new WorkerFailure("load", (message as { error: WireError }).error);
  }

  /**
   * Runs `setup()` with the deployment secrets; rejects with a {@link WorkerFailure} of stage `setup`.
   * With `logMarker`, the worker ends the logs of setup and of every prediction with a boundary line
   * (see the `setup` message in the protocol); the caller strips it.
   */
  async setup(secrets: Readonly<Record<string, string>>, options: { readonly logMarker?: string } = {}): Promise<void> {
    this.#send(options.logMarker === undefined ? { type: "setup", secrets } : { type: "setup", secrets, logMarker: options.logMarker });
    const message = await this.#next(["setup-done", "setup-failed"]);
    if (message.type === "setup-failed") throw new WorkerFailure("setup", message.error);
  }

  /** Runs one prediction; yields its outputs, then one final event (done, failed or invalid). */
  async *predict(id: string, inputs: Readonly<Record<string, WireValue>>): AsyncGenerator<PredictionEvent> {
    this.#send({ type: "predict", id, inputs });
    for (;;) {
      const message = await this.#next(["output", "done", "failed", "invalid"]);
      if (!("id" in message) || message.id !== id) continue;
      if (message.type === "output") yield { type: "output", value: message.value };
      else if (message.type === "done") return yield withMarkers({ type: "done", value: message.value }, message.logMarkers);
      else if (message.type === "failed") return yield withMarkers({ type: "failed", error: message.error }, message.logMarkers);
      else if (message.type === "invalid") return yield withMarkers({ type: "invalid", messages: message.messages }, message.logMarkers);
    }
  }

  /** Asks the worker to exit, and kills it if it has not within `graceMs`. */
  async stop(graceMs = 2000): Promise<void> {
    if (this.#exit) return;
    this.#send({ type: "shutdown" });
    const timer = setTimeout(() => this.kill(), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Kills the worker at once (cancellation, timeouts). */
  kill(signal: NodeJS.Signals = "SIGKILL"): void {
    if (!this.#exit) this.#child.kill(signal);
  }

  #send(message: ParentMessage): void {
    if (this.#child.connected) this.#child.send(message);
  }

  #dispatch(message: WorkerMessage): void {
    this.#backlog.push(message);
    for (const waiter of [...this.#waiters]) waiter(message);
  }

  #next<T extends WorkerMessage["type"]>(types: readonly T[]): Promise<Extract<WorkerMessage, { type: T }>> {
    type Found = Extract<WorkerMessage, { type: T }>;
    const index = this.#backlog.findIndex((m) => (types as readonly string[]).includes(m.type));
    if (index >= 0) return Promise.resolve(this.#backlog.splice(index, 1)[0] as Found);
    if (this.#exit) return Promise.reject(this.#exit);
    return new Promise((resolve, reject) => {
      const waiter = (message: WorkerMessage | { type: "exit"; error: WorkerExitedError }) => {
        if (message.type === "exit") {
          this.#waiters.delete(waiter);
          reject(message.error);
        } else if ((types as readonly string[]).includes(message.type)) {
          this.#waiters.delete(waiter);
          this.#backlog.splice(this.#backlog.indexOf(message), 1);
          resolve(message as Found);
        }
      };
      this.#waiters.add(waiter);
    });
  }
}

/** The event, with `logMarkers` when the worker reported them (only when the parent set a log marker). */
function withMarkers<T extends PredictionEvent>(event: T, logMarkers: readonly LogPipe[] | undefined): T {
  return logMarkers === undefined ? event : { ...event, logMarkers };
}
