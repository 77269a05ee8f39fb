/** A response read in full. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  /** The raw body. */
  readonly text: string;
  /** The body parsed as JSON (`undefined` when it is not JSON). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read response fields directly
  readonly json: any;
}

/** Options of {@link call}. */
export interface CallOptions {
  readonly body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  readonly raw?: string | Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** One HTTP request with a timeout (default 20 s); never hangs a test. */
export async function call(method: string, url: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | Uint8Array | undefined = options.raw;
  if (body === undefined && options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const timeoutMs = options.timeoutMs ?? 20_000;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (error) {
    // fetch's own message ("The operation was aborted due to timeout") names no request.
    if ((error as Error).name !== "TimeoutError") throw error;
    throw new Error(`${method} ${url} got no whole answer within ${timeoutMs} ms`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** POST /predictions (sync unless `async`). */
export function predict(url: string, body: unknown, options: { async?: boolean; timeoutMs?: number } = {}): Promise<Reply> {
  return call("POST", `${url}/predictions`, {
    body,
    headers: options.async ? { prefer: "respond-async" } : {},
    timeoutMs: options.timeoutMs,
  });
}
