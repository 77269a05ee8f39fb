import { WorkerExitedError, WorkerFailure } from "@tsc-cog/runtime";
import type { Redactor } from "@tsc-cog/sdk";

/** How a worker's setup went, as the health check reports it. */
export interface SetupReport {
  readonly startedAt: Date;
  readonly completedAt: Date | null;
  readonly status: "starting" | "succeeded" | "failed";
  /** What setup printed, scrubbed, and on failure the error's stack. */
  readonly logs: string;
  /** The failure's message, scrubbed. */
  readonly error?: string;
}

/** The `setup` object of `GET /health-check`. */
export function setupJson(report: SetupReport): Record<string, unknown> {
  return {
    started_at: report.startedAt.toISOString(),
    completed_at: report.completedAt?.toISOString() ?? null,
    status: report.status,
    logs: report.logs,
  };
}

/** What went wrong in a worker's start, as a message and (for errors from the predictor) its stack. */
export interface SetupFailure {
  readonly message: string;
  readonly stack?: string;
}

/** Words a failure to load or set up the predictor the way the health check and server log show it. */
export function describeSetupFailure(error: unknown): SetupFailure {
  if (error instanceof WorkerFailure) {
    const stage = error.stage === "load" ? "failed to load the predictor" : "setup() failed";
    const causes = (error.wire.causes ?? []).map((cause) => `\ncaused by: ${cause}`).join("");
    return { message: `${stage}: ${error.wire.message}`, stack: `${error.wire.stack ?? error.wire.message}${causes}` };
  }
  if (error instanceof WorkerExitedError) return { message: `setup failed: ${error.message}` };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** The report of a start that began at `startedAt` and printed `logs`: on failure its stack (or message) ends the logs. All scrubbed. */
export function setupReport(startedAt: Date, logs: string, failure: SetupFailure | undefined, redactor: Redactor): SetupReport {
  const completedAt = new Date();
  if (!failure) return { startedAt, completedAt, status: "succeeded", logs };
  const error = redactor.redactText(failure.message);
  const tail = failure.stack ? redactor.redactText(failure.stack) : error;
  const joined = logs === "" || logs.endsWith("\n") ? `${logs}${tail}\n` : `${logs}\n${tail}\n`;
  return { startedAt, completedAt, status: "failed", logs: joined, error };
}
