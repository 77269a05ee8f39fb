import type { WireError } from "./protocol.js";

/** The predictor failed in the worker: at load (including definition checks), in setup, or in predict. */
export class WorkerFailure extends Error {
  readonly stage: "load" | "setup" | "predict";
  readonly wire: WireError;

  constructor(stage: "load" | "setup" | "predict", wire: WireError) {
    super(wire.message);
    this.name = "WorkerFailure";
    this.stage = stage;
    this.wire = wire;
  }
}

/** The worker process ended while the parent waited for it. */
export class WorkerExitedError extends Error {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;

  /** `reason`: why the parent stopped it, when it did (it broke the protocol). */
  constructor(code: number | null, signal: NodeJS.Signals | null, reason?: string) {
    super(
      reason
        ? `the predictor's worker process was stopped: ${reason}`
        : signal
          ? `the predictor's worker process was killed by ${signal}`
          : `the predictor's worker process exited with code ${code} before the prediction finished`,
    );
    this.name = "WorkerExitedError";
    this.exitCode = code;
    this.signal = signal;
  }
}
