import { COG_SCHEMA_VERSION } from "@tsc-cog/sdk/engine";
import type { FastifyInstance } from "fastify";
import { type SetupReport, setupJson } from "../workers/setup-report.js";
import type { HealthStatus } from "../workers/slot-pool.js";
import type { ReplyJson } from "./reply-json.js";

/** What the informational routes read. */
export interface InfoRoutes {
  readonly version: string;
  readonly health: () => { readonly status: HealthStatus; readonly setup: SetupReport };
  /** The predictor's own `healthcheck()` (asked only when READY or BUSY): passed, or why not (redacted). */
  readonly healthcheck: () => Promise<{ readonly ok: true } | { readonly ok: false; readonly reason: string }>;
  /** The OpenAPI document as JSON, once the predictor has loaded. */
  readonly openapi: () => string | undefined;
  readonly render: (body: unknown) => string;
  /** Starts a graceful shutdown. */
  readonly shutdown: () => void;
}

/** `GET /`, `GET /health-check`, `GET /openapi.json` and `POST /shutdown`. */
export function registerInfoRoutes(app: FastifyInstance, routes: InfoRoutes, replyJson: ReplyJson): void {
  const root = JSON.stringify({
    cog_version: COG_SCHEMA_VERSION,
    tsc_cog_version: routes.version,
    openapi_url: "/openapi.json",
    shutdown_url: "/shutdown",
    healthcheck_url: "/health-check",
    predictions_url: "/predictions",
    predictions_idempotent_url: "/predictions/{prediction_id}",
    predictions_cancel_url: "/predictions/{prediction_id}/cancel",
  });
  app.get("/", (_request, reply) => replyJson(reply, 200, root));

  app.get("/health-check", async (_request, reply) => {
    const { status, setup } = routes.health();
    // UNHEALTHY (it beats BUSY) is this response's answer only: the next passing probe says READY again.
    const check = status === "READY" || status === "BUSY" ? await routes.healthcheck() : { ok: true as const };
    const body = {
      status: check.ok ? status : "UNHEALTHY",
      setup: setupJson(setup),
      version: { "tsc-cog": routes.version, cog: COG_SCHEMA_VERSION, node: process.versions.node },
      ...(check.ok ? {} : { user_healthcheck_error: check.reason }),
    };
    return replyJson(reply, 200, routes.render(body));
  });

  app.get("/openapi.json", (_request, reply) => {
    const document = routes.openapi();
    if (document === undefined)
      return replyJson(reply, 503, JSON.stringify({ detail: "the schema is not available: the predictor has not loaded" }));
    return replyJson(reply, 200, document);
  });

  app.post("/shutdown", (_request, reply) => {
    reply.raw.once("finish", () => routes.shutdown());
    return replyJson(reply, 200, "{}");
  });
}
