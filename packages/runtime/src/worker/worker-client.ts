import { AsyncQueue } from "../util/async-queue.js";
import { WorkerExitedError, WorkerFailure } from "./errors.js";
import { type ForkedWorker, forkWorker, type WorkerOutput } from "./fork-worker.js";
import type { ParentMessage, WireError, WireMetrics, WireSpec, WireValue, WorkerMessage } from "./protocol.js";
import { isWorkerMessage } from "./worker-message.js";

/** Said when a worker sent something that is not a protocol message (the predictor can write to the channel). */
const PROTOCOL_BROKEN = "it sent a message that is not part of the worker protocol (a predictor must not use process.send)";

/** How to start a worker. */
export interface WorkerOptions {
  /** `path/to/predict.ts[:Export]`, relative to `cwd`. */
  readonly ref: string;
  /** The worker's working directory: the project folder. */
  readonly cwd: string;
  /** The worker's whole environment (the caller removes what it must not see). */
  readonly env: NodeJS.ProcessEnv;
}

/** One event of a running prediction, as the worker sent it (values still in wire form). */
export type WorkerEvent =
  | { readonly type: "output"; readonly value: WireValue }
  /** What the prediction printed, unscrubbed: only from a worker running several at once (else its logs are the pipe's). */
  | { readonly type: "log"; readonly bytes: Buffer }
  | { readonly type: "done"; readonly value?: WireValue; readonly metrics?: WireMetrics }
  | { readonly type: "failed"; readonly error: WireError; readonly metrics?: WireMetrics }
  | { readonly type: "invalid"; readonly issues: Extract<WorkerMessage, { type: "invalid" }>["issues"] };

type Waiter = (message: WorkerMessage | undefined) => void;

/**
 * The parent's handle on a worker process: its output pipe (raw, for the prediction core to scrub),
 * and typed calls for each protocol step. Messages are queued in arrival order and taken in O(1);
 * before each is handled the pipe is read dry, so what the worker printed before sending it is
 * delivered first. A worker that exits while a call waits fails it with {@link WorkerExitedError}.
 */
export class PredictorWorker {
  readonly #forked: ForkedWorker;
  readonly #queue: WorkerMessage[] = [];
  #head = 0;
  #waiter: Waiter | undefined;
  #lateErrors: ((error: WireError) => void) | undefined;
  #exit: WorkerExitedError | undefined;
  /** Healthchecks waiting for their answer, by id: answered out of band, beside the sequential protocol. */
  readonly #healthchecks = new Map<number, (error: string | undefined) => void>();
  /** The events of each prediction in flight, by id: predictions may overlap, so their messages are routed by id. */
  readonly #predictions = new Map<string, AsyncQueue<WorkerEvent>>();
  #healthcheckIds = 0;
  /** Why the parent killed the worker, when it did so because the worker broke the protocol. */
  #stoppedFor: string | undefined;
  readonly exited: Promise<WorkerExitedError>;

  private constructor(forked: ForkedWorker) {
    this.#forked = forked;
    const { child, output } = forked;
    child.on("message", (message: unknown) => {
      output.drain();
      if (!isWorkerMessage(message)) return this.#stop(PROTOCOL_BROKEN);
      if (message.type === "late-error") this.#lateErrors?.(message.error);
      else if (message.type === "healthcheck-result") this.#healthchecks.get(message.id)?.(message.error);
      else if ("id" in message) this.#route(message);
      else this.#push(message);
    });
    this.exited = new Promise((resolve) => {
      child.on("exit", (code, signal) => {
        output.drain();
        this.#exit = new WorkerExitedError(code, signal, this.#stoppedFor);
        this.#wake(undefined);
        for (const events of this.#predictions.values()) events.end(this.#exit);
        this.#predictions.clear();
        for (const answer of this.#healthchecks.values()) answer(`Healthcheck error: ${this.#exit.message}`);
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
  static adopt(forked: ForkedWorker, options: WorkerOptions): PredictorWorker {
    const worker = new PredictorWorker(forked);
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.env)) if (value !== undefined && process.env[key] !== value) env[key] = value;
    const unset = Object.keys(process.env).filter((key) => options.env[key] === undefined);
    worker.#send({ type: "load", ref: options.ref, cwd: options.cwd, env, unset });
    return worker;
  }

  /** Everything the worker prints (stdout and stderr in one pipe), unscrubbed. */
  get output(): WorkerOutput {
    return this.#forked.output;
  }

  /** Hears errors the predictor threw after its prediction ended (the worker keeps serving). */
  onLateError(listener: (error: WireError) => void): void {
    this.#lateErrors = listener;
  }

  /** The predictor's description, once loaded; rejects with a {@link WorkerFailure} of stage `load`. */
  async spec(): Promise<WireSpec> {
    const message = await this.#next();
    if (message.type === "spec") return message.spec;
    if (message.type === "load-failed" || message.type === "setup-failed") throw new WorkerFailure("load", message.error);
    throw unexpected(message);
  }

  /** Runs `setup()` with the deployment secrets; rejects with a {@link WorkerFailure} of stage `setup`. */
  async setup(secrets: Readonly<Record<string, string>>, maxConcurrency: number): Promise<void> {
    this.#send({ type: "setup", secrets, maxConcurrency });
    const message = await this.#next();
    if (message.type === "setup-failed") throw new WorkerFailure("setup", message.error);
    if (message.type !== "setup-done") throw unexpected(message);
  }

  /**
   * Runs one prediction; yields its outputs (and logs, from a worker running several at once), then
   * one final event (done, failed or invalid). Fails with {@link WorkerExitedError} if the worker dies.
   */
  predict(id: string, inputs: Readonly<Record<string, WireValue>>, context?: Readonly<Record<string, string>>): AsyncIterable<WorkerEvent> {
    const events = new AsyncQueue<WorkerEvent>();
    if (this.#exit) events.end(this.#exit);
    else if (this.#predictions.has(id)) events.end(new Error(`a prediction with id ${id} is already running on this worker`));
    else {
      this.#predictions.set(id, events);
      this.#send({ type: "predict", id, inputs, ...(context ? { context } : {}) });
    }
    return events;
  }

  /** Asks the worker to stop prediction `id` (its `currentScope().signal` aborts); it still sends its final event. */
  cancel(id: string): void {
    if (this.#predictions.has(id)) this.#send({ type: "cancel", id });
  }

  /**
   * Runs the predictor's `healthcheck()` (alongside a prediction, if one runs): resolves with Cog's
   * `user_healthcheck_error` text (unredacted), or `undefined` when healthy. Gives up after `timeoutMs`.
   */
  healthcheck(timeoutMs: number): Promise<string | undefined> {
    if (this.#exit) return Promise.resolve(`Healthcheck error: ${this.#exit.message}`);
    const id = ++this.#healthcheckIds;
    return new Promise((resolve) => {
      const timer = setTimeout(() => answer("healthcheck timed out"), timeoutMs);
      const answer = (error: string | undefined) => {
        clearTimeout(timer);
        this.#healthchecks.delete(id);
        resolve(error);
      };
      this.#healthchecks.set(id, answer);
      this.#send({ type: "healthcheck", id });
    });
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
    if (!this.#exit) this.#forked.child.kill(signal);
  }

  /** True once the process has exited. */
  get hasExited(): boolean {
    return this.#exit !== undefined;
  }

  /** Kills a worker that can no longer be trusted to speak the protocol; its exit fails whatever waits. */
  #stop(reason: string): void {
    this.#stoppedFor ??= reason;
    this.#forked.child.kill("SIGKILL");
  }

  #send(message: ParentMessage): void {
    if (this.#forked.child.connected) this.#forked.child.send(message);
  }

  /** A message of one prediction, to its events. */
  #route(message: Extract<WorkerMessage, { id: string }>): void {
    const events = this.#predictions.get(message.id);
    if (!events) return;
    if (message.type === "output") events.push({ type: "output", value: message.value });
    else if (message.type === "log") events.push({ type: "log", bytes: Buffer.from(message.bytes, "base64") });
    else {
      if (message.type === "done") events.push({ type: "done", value: message.value, metrics: message.metrics });
      else if (message.type === "failed") events.push({ type: "failed", error: message.error, metrics: message.metrics });
      else events.push({ type: "invalid", issues: message.issues });
      events.end();
      this.#predictions.delete(message.id);
    }
  }

  #push(message: WorkerMessage): void {
    if (this.#waiter) this.#wake(message);
    else this.#queue.push(message);
  }

  #wake(message: WorkerMessage | undefined): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.(message);
  }

  /** The next message not of a prediction, in arrival order (one reader at a time: load and setup are sequential). */
  #next(): Promise<WorkerMessage> {
    if (this.#head < this.#queue.length) {
      const message = this.#queue[this.#head++];
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue.splice(0, this.#head);
        this.#head = 0;
      }
      return Promise.resolve(message);
    }
    if (this.#exit) return Promise.reject(this.#exit);
    return new Promise((resolve, reject) => {
      this.#waiter = (message) => (message ? resolve(message) : reject(this.#exit));
    });
  }
}

function unexpected(message: WorkerMessage): Error {
  return new Error(`the worker sent an unexpected "${message.type}" message`);
}
