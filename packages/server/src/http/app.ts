import { STATUS_CODES } from "node:http";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { registerPlaygroundRoutes } from "../playground/playground-routes.js";
import { type InfoRoutes, registerInfoRoutes } from "./info-routes.js";
import { BadRequestError, parseJsonBody } from "./json-body.js";
import { type PredictionRoutes, registerPredictionRoutes } from "./prediction-routes.js";
import { createReplyJson } from "./reply-json.js";

/** What the HTTP layer needs. */
export interface AppOptions extends InfoRoutes, PredictionRoutes {
  /** Largest request body in bytes (413 above it). */
  readonly bodyLimit: number;
  /** Deepest JSON nesting accepted in a body (400 above it). */
  readonly maxJsonDepth: number;
  /** Scrubs every response body on its way out: the last line of defence. */
  readonly scrub: (text: string) => string;
  /** Writes a line to the server's log (scrubbed by the caller). */
  readonly log: (line: string) => void;
  /** True once the server is shutting down: responses then close their connection. */
  readonly closing: () => boolean;
  /** Serve the playground page at `GET /playground` (`--playground`). */
  readonly playground?: boolean;
}

/**
 * The fastify application of Cog's HTTP API. Bodies are parsed as JSON whatever their content type
 * (a `curl -d` without a header works); malformed, too deep or non-object bodies are 400, too large
 * 413, unknown routes 404 — every error a JSON body, never a stack trace. Every body leaves through
 * `scrub`; once shutting down, every response closes its connection (see {@link createReplyJson}).
 */
export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit, return503OnClosing: true, routerOptions: { maxParamLength: 500 } });
  app.removeAllContentTypeParsers();
  const parseBody = (_request: unknown, body: string | Buffer, done: (error: Error | null, body?: unknown) => void) => {
    try {
      done(null, parseJsonBody(body as Buffer, options.maxJsonDepth));
    } catch (error) {
      done(error as Error, undefined);
    }
  };
  // Under its usual name too: fastify caches the parser it finds for a named content type, but looks
  // the catch-all up afresh (parsing the header again) for every request.
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, parseBody);
  app.addContentTypeParser("*", { parseAs: "buffer" }, parseBody);
  const replyJson = createReplyJson(options.scrub, options.closing);
  app.setNotFoundHandler((_request, reply) => replyJson(reply, 404, JSON.stringify({ detail: "Not Found" })));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (error instanceof BadRequestError) return replyJson(reply, 400, JSON.stringify({ detail: error.message }));
    if (status === 413)
      return replyJson(reply, 413, JSON.stringify({ detail: `the request body is larger than the limit of ${options.bodyLimit} bytes` }));
    if (status >= 400 && status < 500) return replyJson(reply, status, JSON.stringify({ detail: STATUS_CODES[status] ?? "Bad Request" }));
    options.log(`error: ${request.method} ${request.url} failed: ${error.stack ?? error.message}`);
    return replyJson(reply, 500, JSON.stringify({ detail: "Internal Server Error" }));
  });
  registerInfoRoutes(app, options, replyJson);
  registerPredictionRoutes(app, options, replyJson);
  if (options.playground) registerPlaygroundRoutes(app, options);
  return app;
}
