import type { Redactor } from "@tsc-cog/sdk/engine";
import { WorkerExitedError, WorkerFailure } from "../worker/errors.js";
import type { WireError } from "../worker/protocol.js";

/** Where a predictor failed. */
export type FailureStage = "load" | "setup" | "predict";

/**
 * The predictor failed — at load (including its definition checks), in setup, or in a prediction —
 * or its worker process died or timed out. Every text in it is already redacted: it can be shown,
 * logged or returned as it is. `code` is `PREDICTOR_FAILED` for a caller that maps errors to outcomes.
 */
export class PredictorFailure extends Error {
  readonly code = "PREDICTOR_FAILED";
  readonly stage: FailureStage;
  /** The stack trace (and causes), redacted; for `--debug` and a failed prediction's logs. */
  readonly detail?: string;
  /** Messages of the error's `cause` chain, redacted, without the ones the message already says. */
  readonly causes: readonly string[];

  constructor(stage: FailureStage, message: string, detail?: string, causes: readonly string[] = []) {
    super(message);
    this.name = "PredictorFailure";
    this.stage = stage;
    this.detail = detail;
    this.causes = causes;
  }
}

const STAGE_WORDS: Record<FailureStage, string> = {
  load: "failed to load the predictor",
  setup: "setup() failed",
  predict: "predict() failed",
};

/**
 * The one wording of a failure, for the CLI and the server alike. A predictor's error at load or
 * setup is prefixed with the stage (`setup() failed: …`); in a prediction it is the error's own message,
 * as Cog reports it. A worker that died says how. Anything else is a bug of ours and passes through.
 */
export function describeFailure(error: unknown, stage: FailureStage, redactor: Redactor): unknown {
  if (error instanceof PredictorFailure) return error;
  if (error instanceof WorkerFailure) return fromWireError(error.wire, error.stage, redactor);
  if (error instanceof WorkerExitedError) return new PredictorFailure(stage, redactor.redactText(error.message));
  return error;
}

/** A predictor's error (as it crossed the process boundary) as a {@link PredictorFailure} of `stage`. */
export function fromWireError(wire: WireError, stage: FailureStage, redactor: Redactor): PredictorFailure {
  const message = redactor.redactText(wire.message);
  // The loader wraps an import's error as its cause: a cause saying what the message says adds nothing.
  const causes = (wire.causes ?? [])
    .map((cause) => redactor.redactText(cause))
    .filter((cause) => !message.endsWith(withoutLocation(cause)));
  // A thrown non-Error has no stack: then there is nothing more to show than the message.
  const detail =
    wire.stack === undefined
      ? undefined
      : redactor.redactText(`${wire.stack}${(wire.causes ?? []).map((cause) => `\ncaused by: ${cause}`).join("")}`);
  return new PredictorFailure(stage, stage === "predict" ? message : `${STAGE_WORDS[stage]}: ${message}`, detail, causes);
}

/** A message without a leading `path:line:column: ` (paths differ: absolute in a cause, relative in the message). */
function withoutLocation(message: string): string {
  return message.replace(/^\S+:\d+:\d+: /, "");
}
