import { StringDecoder } from "node:string_decoder";
import { type HealthcheckResult, type PredictionRun, PredictorFailure, PredictorSession, type SessionOptions } from "@tsc-cog/runtime";
import type { PredictorSpec, Redactor } from "@tsc-cog/sdk/engine";
import { type SetupReport, setupReport } from "./setup-report.js";

/**
 * `ready`: it can take one more prediction. `busy`: it runs as many as its worker can (its capacity),
 * or its worker is being retired or replaced. `failed`: the first setup failed. `defunct`: a
 * replacement worker failed, the slot is out of service.
 */
export type SlotState = "starting" | "ready" | "busy" | "failed" | "defunct" | "stopped";

/** What every slot of a server shares. */
export interface SlotOptions {
  /** The worker to run (ref, folder, environment), its deployment secrets and setup timeout. */
  readonly session: SessionOptions;
  /**
   * Past this many distinct secrets, the worker is replaced once its prediction ends: a secret stays
   * redacted for as long as the worker that saw it lives, so memory is bounded by replacing workers,
   * never by forgetting secrets.
   */
  readonly maxSecretsPerWorker: number;
  /** Scrubbed text the predictor printed, with its prediction's id (`undefined` outside predictions), for the server's log. */
  readonly relay: (text: string, prediction: string | undefined) => void;
  /** A line for the server's log (scrubbed by the caller). */
  readonly log: (line: string) => void;
  /** A worker of this slot was retired (replaced): the secrets it saw may be forgotten by the server. */
  readonly retired: (worker: number) => void;
}

/** How a worker's start went: the predictor's description (once loaded) and its setup report. */
export interface SlotStart {
  readonly spec?: PredictorSpec;
  readonly report: SetupReport;
}

let generations = 0;

/**
 * One worker process (`--concurrency` makes several): a prediction-core session started and set up
 * once, then serving up to its capacity of predictions at once (1, or a `@Concurrent` predictor's max).
 * A worker that exits, or that has seen too many secrets, takes no new predictions and is replaced
 * (setup runs again) once its last one has ended; if the replacement fails, the slot is defunct.
 */
export class WorkerSlot {
  readonly #options: SlotOptions;
  #state: SlotState = "starting";
  #session: PredictorSession | undefined;
  #generation = 0;
  #exitReason = "";
  /** Predictions taken and not yet released. */
  #inFlight = 0;
  /** The worker takes no new predictions: it exited or saw too many secrets, and is replaced when idle. */
  #retiring = false;
  /** A {@link WorkerSlot.reload} waits for the last prediction in flight: called when it is released. */
  #drained: (() => void) | undefined;
  /** A start (the first, or a replacement's) still under way: a reload waits for it before retiring its worker. */
  #starting: Promise<unknown> = Promise.resolve();

  constructor(options: SlotOptions) {
    this.#options = options;
  }

  get state(): SlotState {
    return this.#state;
  }

  /** The current worker's number, for the secrets it was given. */
  get generation(): number {
    return this.#generation;
  }

  /** The current worker's lifetime redactor. */
  get redactor(): Redactor | undefined {
    return this.#session?.redactor;
  }

  /** Starts a worker and runs setup; resolves with the spec (or nothing) and how setup went. */
  start(): Promise<SlotStart> {
    const starting = this.#start();
    this.#starting = starting;
    return starting;
  }

  /**
   * Replaces the worker with a new process that loads the predictor afresh (`serve --watch`): takes no
   * new predictions, lets those in flight finish on the old worker, stops it, then starts and sets up a
   * new one. A failed setup leaves the slot `failed` (not defunct): the next reload may recover it.
   */
  async reload(): Promise<SlotStart | undefined> {
    await this.#starting.catch(() => undefined);
    if (this.#state === "stopped") return undefined;
    this.#retiring = true;
    this.#updateState();
    if (this.#inFlight > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
    this.#drained = undefined;
    // A replacement the last release began is awaited, so that the worker stopped is the current one.
    await this.#starting.catch(() => undefined);
    const old = this.#session;
    const retired = this.#generation;
    if (old && !old.hasExited) await old.stop();
    // The server may have stopped the slot meanwhile: then no new worker.
    if ((this.#state as SlotState) === "stopped") return undefined;
    const closing = old?.closeLogs();
    this.#exitReason = "";
    const result = await this.start();
    await closing;
    this.#options.retired(retired);
    return result;
  }

  async #start(): Promise<SlotStart> {
    const startedAt = new Date();
    const session = PredictorSession.start(this.#options.session);
    const generation = ++generations;
    this.#session = session;
    this.#generation = generation;
    this.#retiring = false;
    this.#setState("starting");
    let logs = "";
    const decoder = new StringDecoder("utf8");
    session.onLog((bytes, owner) => {
      if (owner === undefined && this.#state === "starting") logs += decoder.write(bytes);
    });
    // The server's log gets the worker's output as one stream, scrubbed as one (not cut at predictions).
    const relayed = new StringDecoder("utf8");
    session.onOutput((bytes) => this.#options.relay(relayed.write(bytes), undefined));
    session.onLateError((failure) => {
      this.#options.log(`the predictor threw after its prediction ended (the worker goes on): ${failure.detail ?? failure.message}`);
    });
    void session.exited.then((exit) => this.#onExit(session, exit));
    let spec: PredictorSpec | undefined;
    let failure: PredictorFailure | undefined;
    try {
      spec = await session.load();
      await session.setup();
    } catch (error) {
      failure = error instanceof PredictorFailure ? error : new PredictorFailure("setup", `setup failed: ${(error as Error).message}`);
      session.kill();
    }
    if (!failure && session.hasExited) failure = new PredictorFailure("setup", "the predictor's worker process exited right after setup");
    if (this.#state === "starting") this.#setState(failure ? "failed" : "ready");
    return { spec, report: setupReport(startedAt, logs + decoder.end(), failure) };
  }

  /** Takes room for one prediction on this worker, if it has some. */
  acquire(): boolean {
    if (this.#state !== "ready") return false;
    this.#inFlight++;
    this.#updateState();
    return true;
  }

  /** Runs a prediction on the acquired slot (see the prediction core's `PredictionRun`). */
  run(id: string, inputs: Readonly<Record<string, unknown>>, context?: Readonly<Record<string, string>>): PredictionRun {
    return (this.#session as PredictorSession).predict(id, inputs, context ? { context } : {});
  }

  /** Runs the predictor's `healthcheck()` on this slot's worker (alongside its prediction, if one runs). */
  healthcheck(): Promise<HealthcheckResult> {
    const session = this.#session;
    if (!session) return Promise.resolve({ ok: false, reason: "Predictor not initialized" });
    return session.healthcheck();
  }

  /**
   * A prediction taken with {@link WorkerSlot.acquire} is over (the worker is done with it). A worker
   * that died or saw too many secrets takes no more, and is replaced once its last prediction is over.
   */
  release(): void {
    if (this.#inFlight === 0) return;
    this.#inFlight--;
    if (this.#drained) {
      // A reload retires this worker: it replaces it once the last prediction is over.
      if (this.#inFlight === 0) this.#drained();
      return;
    }
    const session = this.#session as PredictorSession;
    if (!this.#retiring && !session.hasExited && session.secretCount > this.#options.maxSecretsPerWorker) {
      this.#exitReason = `has seen ${session.secretCount} secrets (more than ${this.#options.maxSecretsPerWorker})`;
      this.#retiring = true;
    }
    if (session.hasExited) this.#retiring = true;
    if (this.#retiring && this.#inFlight === 0 && this.#state !== "stopped") {
      this.#setState("busy");
      this.#starting = (session.hasExited ? Promise.resolve() : session.stop()).then(() => this.#replace());
      return;
    }
    this.#updateState();
  }

  /** `ready` while the worker has room for one more prediction, else `busy`. */
  #updateState(): void {
    if (this.#state !== "ready" && this.#state !== "busy") return;
    const session = this.#session as PredictorSession;
    this.#setState(!this.#retiring && this.#inFlight < session.capacity ? "ready" : "busy");
  }

  /** Stops the worker (asking first, killing after `graceMs`); the slot takes no more work. */
  async stop(graceMs = 2000): Promise<void> {
    this.#setState("stopped");
    await this.#session?.stop(graceMs);
  }

  #onExit(session: PredictorSession, exit: { readonly signal: string | null; readonly exitCode: number | null }): void {
    if (session !== this.#session) return;
    if (this.#exitReason === "") this.#exitReason = exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.exitCode}`;
    // Its predictions fail with it and are released; the last release replaces it. Idle, it is replaced now.
    // Retiring already: whoever retired it (a release, or stopping it for its secrets) replaces it.
    if ((this.#state !== "ready" && this.#state !== "busy") || this.#retiring) return;
    this.#retiring = true;
    this.#setState("busy");
    if (this.#inFlight === 0) this.#starting = this.#replace();
  }

  async #replace(): Promise<void> {
    this.#options.log(`the predictor's worker process ${this.#exitReason}; starting a new one`);
    this.#exitReason = "";
    const retired = this.#generation;
    const closing = this.#session?.closeLogs();
    const { report } = await this.start();
    await closing;
    this.#options.retired(retired);
    if (report.status === "failed" && this.#state !== "stopped") {
      this.#options.log(`the replacement worker failed to start: ${report.error ?? "unknown error"}`);
      this.#setState("defunct");
    }
  }

  #setState(state: SlotState): void {
    if (this.#state === "stopped" || this.#state === state) return;
    this.#state = state;
  }
}
