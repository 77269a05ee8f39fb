import type { PredictorFailure } from "@tsc-cog/runtime";

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

/** The report of a start that began at `startedAt` and printed `logs` (scrubbed): on failure its stack (or message) ends the logs. */
export function setupReport(startedAt: Date, logs: string, failure: PredictorFailure | undefined): SetupReport {
  const completedAt = new Date();
  if (!failure) return { startedAt, completedAt, status: "succeeded", logs };
  const tail = failure.detail ?? failure.message;
  const joined = logs === "" || logs.endsWith("\n") ? `${logs}${tail}\n` : `${logs}\n${tail}\n`;
  return { startedAt, completedAt, status: "failed", logs: joined, error: failure.message };
}
