import { setTimeout as sleep } from "node:timers/promises";

/** Where and how webhooks are sent. */
export interface WebhookTarget {
  /** A URL without credentials (see `parseWebhookUrl`). */
  readonly url: string;
  /** The `Authorization` value from credentials the webhook URL held (`Basic …`). */
  readonly authorization?: string;
  /** `Authorization: Bearer <token>` when set (`$WEBHOOK_AUTH_TOKEN`), unless the URL held credentials. */
  readonly authToken?: string;
  readonly userAgent: string;
}

/** Responses worth trying again (Cog retries the terminal webhook on these). */
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const ATTEMPTS = 12;
const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 10_000;
const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * POSTs one webhook body. With `retry`, a 429/5xx answer or a network error is retried up to
 * {@link ATTEMPTS} times in all, waiting 100 ms, 200 ms, 400 ms … (at most 10 s) between tries;
 * `signal` stops the waiting. Returns the last failure's description, or `undefined` on success.
 * Never throws.
 */
export async function postWebhook(target: WebhookTarget, body: string, retry: boolean, signal?: AbortSignal): Promise<string | undefined> {
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": target.userAgent };
  // Credentials in the webhook URL win over $WEBHOOK_AUTH_TOKEN, as in Cog: its clients (httpx in the
  // Python server, reqwest in coglet) send the bearer token as a client-wide default header, and a
  // request whose URL has userinfo sets its own `Authorization: Basic …`, which replaces the default.
  // The caller chose that URL for this prediction; the token is the server's default for all of them.
  if (target.authorization) headers.authorization = target.authorization;
  else if (target.authToken) headers.authorization = `Bearer ${target.authToken}`;
  let failure: string | undefined;
  for (let attempt = 0; attempt < (retry ? ATTEMPTS : 1); attempt++) {
    if (attempt > 0) {
      try {
        await sleep(Math.min(FIRST_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS), undefined, { signal });
      } catch {
        return failure;
      }
    }
    try {
      const response = await fetch(target.url, { method: "POST", headers, body, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return undefined;
      failure = `HTTP ${response.status}`;
      if (!RETRY_STATUSES.has(response.status)) return failure;
    } catch (error) {
      failure = String((error as Error).cause ?? (error as Error).message);
    }
  }
  return failure;
}
