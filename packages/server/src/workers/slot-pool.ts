import type { HealthcheckResult } from "@tsc-cog/runtime";
import type { PredictorSpec } from "@tsc-cog/sdk/engine";
import type { SetupReport } from "./setup-report.js";
import { type SlotOptions, type SlotStart, WorkerSlot } from "./worker-slot.js";

/** The server's state as `GET /health-check` reports it (Cog's names). */
export type HealthStatus = "STARTING" | "READY" | "BUSY" | "SETUP_FAILED" | "DEFUNCT" | "UNHEALTHY";

/**
 * One {@link WorkerSlot} per concurrency slot. All start at once; the server is STARTING until every
 * setup has finished, SETUP_FAILED if any failed, then READY while a slot is free and BUSY while
 * none is (working, or replacing a worker that died); DEFUNCT when no slot can serve any more.
 */
export class SlotPool {
  readonly #slots: WorkerSlot[];
  #spec: PredictorSpec | undefined;
  #setup: SetupReport;
  #started = false;
  #healthcheck: Promise<HealthcheckResult> | undefined;
  /** The reload under way (see {@link SlotPool.reload}); reloads run one after another. */
  #reloading: Promise<SetupReport> | undefined;

  constructor(count: number, options: SlotOptions) {
    this.#slots = Array.from({ length: count }, () => new WorkerSlot(options));
    this.#setup = { startedAt: new Date(), completedAt: null, status: "starting", logs: "" };
  }

  /** The predictor's description (for validation and the schema), once a worker has loaded it. */
  predictorSpec(): PredictorSpec | undefined {
    return this.#spec;
  }

  /** The first setup (the first failed one if any failed, else slot 0's). */
  get setup(): SetupReport {
    return this.#setup;
  }

  /** Starts every worker and runs setup; resolves when all have finished (successfully or not). */
  async start(): Promise<void> {
    const startedAt = new Date();
    this.#setup = { ...this.#setup, startedAt };
    const results = await Promise.all(
      this.#slots.map(async (slot) => {
        const result = await slot.start();
        this.#spec ??= result.spec;
        return result;
      }),
    );
    // A reload asked for meanwhile has the last word.
    if (!this.#reloading) this.#finishSetup(results, startedAt);
  }

  /**
   * Replaces every worker with a new process that loads the predictor afresh (`serve --watch`). The
   * pool is STARTING meanwhile (new predictions get a 503), the predictions in flight finish on their
   * old workers, then each slot starts a new one and runs setup; resolves with how setup went
   * (SETUP_FAILED keeps the server up, and the next reload may recover it). A reload asked for while
   * one runs starts after it.
   */
  reload(): Promise<SetupReport> {
    const previous = this.#reloading ?? Promise.resolve();
    const reloading = previous.then(async () => {
      const startedAt = new Date();
      this.#started = false;
      this.#setup = { startedAt, completedAt: null, status: "starting", logs: "" };
      const results = (await Promise.all(this.#slots.map((slot) => slot.reload()))).filter((result) => result !== undefined);
      if (results.length > 0) {
        this.#spec = results.find((result) => result.spec)?.spec;
        this.#finishSetup(results, startedAt);
      }
      return this.#setup;
    });
    this.#reloading = reloading;
    void reloading.finally(() => {
      if (this.#reloading === reloading) this.#reloading = undefined;
    });
    return reloading;
  }

  /** The first failed setup of a start (else slot 0's) is the server's. */
  #finishSetup(results: readonly SlotStart[], startedAt: Date): void {
    const failed = results.find((result) => result.report.status === "failed");
    this.#setup = { ...(failed ?? results[0]).report, startedAt };
    this.#started = true;
  }

  /** The health-check status. */
  health(): HealthStatus {
    if (!this.#started) return "STARTING";
    if (this.#setup.status === "failed") return "SETUP_FAILED";
    const states = this.#slots.map((slot) => slot.state);
    if (states.every((state) => state === "defunct" || state === "stopped")) return "DEFUNCT";
    return states.includes("ready") ? "READY" : "BUSY";
  }

  /**
   * Runs the predictor's `healthcheck()` on one worker: the first idle one, else the first busy one
   * (a worker answers alongside its prediction) — the predictor is the same in every worker, so one
   * answer stands for all. Concurrent probes share one in-flight call.
   */
  healthcheck(): Promise<HealthcheckResult> {
    if (this.#healthcheck) return this.#healthcheck;
    const slot = this.#slots.find((s) => s.state === "ready") ?? this.#slots.find((s) => s.state === "busy");
    if (!slot) return Promise.resolve({ ok: true });
    const pending = slot.healthcheck().finally(() => {
      if (this.#healthcheck === pending) this.#healthcheck = undefined;
    });
    this.#healthcheck = pending;
    return pending;
  }

  /** A free slot, taken for one prediction, or `undefined` when all are busy. */
  acquire(): WorkerSlot | undefined {
    if (this.health() !== "READY") return undefined;
    return this.#slots.find((slot) => slot.acquire());
  }

  /** Stops every worker. */
  async stop(graceMs?: number): Promise<void> {
    await Promise.all(this.#slots.map((slot) => slot.stop(graceMs)));
  }
}
