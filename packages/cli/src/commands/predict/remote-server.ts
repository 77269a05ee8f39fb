import { UsageError } from "@tsc-cog/runtime";

/** Health-check statuses a prediction can be sent in (BUSY: the server queues or answers 409). */
const SERVING = new Set(["READY", "BUSY"]);

const WHY_NOT_READY: Readonly<Record<string, string>> = {
  STARTING: "setup() is still running",
  SETUP_FAILED: "setup() failed; see the server's log",
  UNHEALTHY: "the predictor reported itself unhealthy",
  DEFUNCT: "its workers died and cannot be replaced; restart it",
};

/** What `POST /predictions` answered: the HTTP status and the JSON body. */
export interface RemoteAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The HTTP side of `predict --url`: a running `tsc-cog serve` (or Cog server) at `url`. Every failure to
 * reach it, or a server not ready to predict, is a {@link UsageError} (exit 2): nothing ran.
 */
export class RemoteServer {
  readonly url: string;

  constructor(url: string) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UsageError(`--url ${url} is not a URL; give the server's address, like http://127.0.0.1:8393`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
      throw new UsageError(`--url ${url} must be an http:// or https:// URL, like http://127.0.0.1:8393`);
    this.url = url.replace(/\/+$/, "");
  }

  /** Throws unless `GET /health-check` says READY or BUSY. */
  async checkReady(): Promise<void> {
    const health = (await this.#getJson("/health-check")) as { status?: unknown };
    const status = typeof health?.status === "string" ? health.status : "an unknown status";
    if (SERVING.has(status)) return;
    const why = WHY_NOT_READY[status];
    throw new UsageError(`the server at ${this.url} is not ready: ${status}${why ? ` (${why})` : ""}`);
  }

  /** `GET /openapi.json`. */
  schema(): Promise<unknown> {
    return this.#getJson("/openapi.json");
  }

  /**
   * `POST /predictions` with `{ id, input }` (the id lets Ctrl-C cancel it); the body may hold secrets,
   * so it is never part of an error.
   */
  async predict(input: Readonly<Record<string, unknown>>, id: string, signal: AbortSignal): Promise<RemoteAnswer> {
    const response = await this.#fetch("/predictions", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ id, input }),
      signal,
    });
    return { status: response.status, body: await this.#json(response, "/predictions") };
  }

  async #getJson(route: string): Promise<unknown> {
    const response = await this.#fetch(route, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new UsageError(`the server at ${this.url} answered ${response.status} to GET ${route}; is it tsc-cog serve?`);
    return this.#json(response, route);
  }

  async #fetch(route: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.url}${route}`, init);
    } catch (error) {
      if ((init.signal as AbortSignal | undefined)?.aborted && (error as Error).name === "AbortError") throw error;
      throw new UsageError(`cannot reach tsc-cog serve at ${this.url}: ${reason(error)}`);
    }
  }

  async #json(response: Response, route: string): Promise<unknown> {
    try {
      return await response.json();
    } catch {
      throw new UsageError(`the server at ${this.url} answered ${route} with something that is not JSON; is it tsc-cog serve?`);
    }
  }
}

/** fetch's own message is only `fetch failed`: the reason is its cause's code (`ECONNREFUSED`). */
function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === "string") return cause.code === "ECONNREFUSED" ? "connection refused (is it running?)" : cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}
