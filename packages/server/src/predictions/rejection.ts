/** Serialises a response body to JSON with every registered secret scrubbed. */
export type RenderJson = (body: unknown) => string;

/** A request the server refuses, with its status and its body already rendered (and redacted). */
export interface Rejection {
  readonly kind: "rejected";
  readonly status: number;
  readonly json: string;
}

/** Builds a {@link Rejection}, rendering its body now, while the request's secrets are still registered. */
export function rejection(status: number, body: unknown, render: RenderJson): Rejection {
  return { kind: "rejected", status, json: render(body) };
}
