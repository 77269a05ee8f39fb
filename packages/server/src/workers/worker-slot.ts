import { randomBytes } from "node:crypto";
import { PredictorWorker, type WireSpec, type WorkerExitedError, type WorkerOptions } from "@tsc-cog/runtime";
import type { Redactor } from "@tsc-cog/sdk";
import type { LogSegment } from "../logs/log-segment.js";
import { WorkerLogs } from "../logs/worker-logs.js";
import { withTimeout } from "../util/with-timeout.js";
import { within } from "../util/within.js";
import { describeSetupFailure, type SetupReport, setupReport } from "./setup-report.js";

/** `failed`: the first setup failed. `defunct`: a replacement worker failed, the slot is out of service. */
export type SlotState = "starting" | "ready" | "busy" | "failed" | "defunct" | "stopped";

/** What every slot of a server shares. */
export interface SlotOptions {
  readonly worker: WorkerOptions;
  readonly deploymentSecrets: Readonly<Record<string, string>>;
  /** 0 for no limit. */
  readonly setupTimeoutMs: number;
  /** The server's current redactor. */
  readonly redactor: () => Redactor;
  /** Scrubbed text the predictor printed (setup and predictions), for the server's own stderr. */
  readonly relay: (text: string) => void;
  /** A line for the server's log (scrubbed by the caller). */
  readonly log: (line: string) => void;
}

/** How long to wait for a pipe's boundary marker after the worker said a prediction ended. */
const LOG_GRACE_MS = 2000;

/**
 * One concurrency slot: a worker process running the predictor, started and set up once, then
 * serving one prediction at a time. A worker that exits is replaced (setup runs again); if the
 * replacement fails, the slot is defunct.
 */
export class WorkerSlot {
  readonly #options: SlotOptions;
  #state: SlotState = "starting";
  #worker: PredictorWorker | undefined;
  #logs: WorkerLogs | undefined;
  #segment = 0;
  #exited = false;
  #exitReason = "";

  constructor(options: SlotOptions) {
    this.#options = options;
  }

  get state(): SlotState {
    return this.#state;
  }

  /** Starts the worker and runs setup; resolves with the spec (or nothing) and how setup went. */
  async start(): Promise<{ spec?: WireSpec; report: SetupReport }> {
    const startedAt = new Date();
    const marker = `\u001ftsc-cog-log-boundary:${randomBytes(16).toString("hex")}:`;
    const worker = PredictorWorker.start(this.#options.worker);
    const logs = new WorkerLogs({ stdout: worker.stdout, stderr: worker.stderr }, marker);
    this.#worker = worker;
    this.#logs = logs;
    this.#segment = 0;
    this.#exited = false;
    this.#setState("starting");
    const segment = logs.segment(0);
    segment.bind(this.#options.redactor(), this.#options.relay);
    void worker.exited.then((exit) => this.#onExit(worker, exit));
    let spec: WireSpec | undefined;
    let failure: { message: string; stack?: string } | undefined;
    try {
      spec = await worker.spec();
      const setup = worker.setup(this.#options.deploymentSecrets, { logMarker: marker });
      const ms = this.#options.setupTimeoutMs;
      await withTimeout(setup, ms, () => {
        worker.kill();
        return new Error(`setup() did not finish within ${ms / 1000} seconds (--setup-timeout)`);
      });
    } catch (error) {
      failure = describeSetupFailure(error);
      worker.kill();
    }
    await within(segment.complete, LOG_GRACE_MS);
    if (!failure && this.#exited) failure = { message: "the predictor's worker process exited right after setup" };
    if (this.#state === "starting") this.#setState(failure ? "failed" : "ready");
    return { spec, report: setupReport(startedAt, segment.text, failure, this.#options.redactor()) };
  }

  /** Takes the slot for one prediction if it is free. */
  acquire(): boolean {
    if (this.#state !== "ready") return false;
    this.#setState("busy");
    return true;
  }

  /**
   * Runs a prediction on the acquired slot: its log segment is bound to `redactor` and reports to
   * `onLogs`; `events` yields the worker's events and throws {@link WorkerExitedError} if it dies;
   * `logsDone` resolves when the prediction's logs are complete (or after a short grace).
   */
  run(id: string, inputs: Readonly<Record<string, unknown>>, redactor: Redactor, onLogs: (text: string) => void) {
    const worker = this.#worker as PredictorWorker;
    const logs = this.#logs as WorkerLogs;
    const index = ++this.#segment;
    const segment: LogSegment = logs.segment(index);
    segment.bind(redactor, (text) => {
      onLogs(text);
      this.#options.relay(text);
    });
    return {
      events: worker.predict(id, inputs),
      /** Call with the terminal event's `logMarkers`: the pipes without a boundary line end the logs now. */
      ended: (markers: readonly string[] | undefined) => {
        if (!markers) return;
        for (const channel of ["stdout", "stderr"] as const) if (!markers.includes(channel)) logs.endThrough(channel, index);
      },
      logsDone: () => (segment.isComplete ? undefined : within(segment.complete, LOG_GRACE_MS)),
    };
  }

  /** Kills the worker (a cancelled prediction); it is replaced on release. */
  cancel(): void {
    this.#worker?.kill();
  }

  /** The prediction is over: the slot is free again, or its worker is replaced if it died. */
  release(): void {
    this.#logs?.release(this.#segment);
    if (this.#state !== "busy") return;
    if (this.#exited) void this.#replace();
    else this.#setState("ready");
  }

  /** Stops the worker (asking first, killing after `graceMs`); the slot takes no more work. */
  async stop(graceMs = 2000): Promise<void> {
    this.#setState("stopped");
    await this.#worker?.stop(graceMs);
  }

  #onExit(worker: PredictorWorker, exit: WorkerExitedError): void {
    if (worker !== this.#worker) return;
    this.#exited = true;
    this.#exitReason = exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.exitCode}`;
    if (this.#state === "ready") void this.#replace();
  }

  async #replace(): Promise<void> {
    this.#options.log(`the predictor's worker process ${this.#exitReason}; starting a new one`);
    const { report } = await this.start();
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
