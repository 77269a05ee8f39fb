/** The server-sent events of a streaming prediction (Cog's names; `metric` is not sent yet). */
export type StreamEventName = "start" | "output" | "log" | "completed";

/**
 * Hears a prediction's server-sent events as they happen, each with its data already rendered as
 * one line of redacted JSON. `completed` is the last.
 */
export type StreamListener = (event: StreamEventName, json: string) => void;

/** What `completed` carries: Cog's snapshot `{error?, id, logs, metrics, output?, status}` (keys sorted, as Cog sends them). */
export function completedSnapshot(snapshot: {
  readonly id: string;
  readonly status: string;
  readonly output: unknown;
  readonly error: string | null;
  readonly logs: string;
  readonly metrics: object;
}): Record<string, unknown> {
  return {
    ...(snapshot.error !== null ? { error: snapshot.error } : {}),
    id: snapshot.id,
    logs: snapshot.logs,
    metrics: snapshot.metrics,
    ...(snapshot.output !== null && snapshot.output !== undefined ? { output: snapshot.output } : {}),
    status: snapshot.status,
  };
}
