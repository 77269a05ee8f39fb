import { readFileSync } from "node:fs";
import type { FastifyInstance, FastifyReply } from "fastify";
import { PLAYGROUND_HTML } from "./page.js";
import { PLAYGROUND_CSS } from "./style.js";

/** The page's browser modules: ./client/<name>.ts, compiled next to this file. */
const CLIENT_MODULES = [
  "main",
  "curl-command",
  "event-stream-parser",
  "field-controls",
  "field-value",
  "form-view",
  "output-display",
  "result-view",
  "schema-fields",
];

/**
 * The page's policy: its own scripts, styles and API only; no inline script or style, no frames, no
 * form submission (a run is a fetch with a JSON body, so an input never reaches a URL). Output media may
 * be data: URLs or the http(s) URLs `--upload-url` returns.
 */
export const PLAYGROUND_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: http: https:",
  "media-src 'self' data: blob: http: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

interface Asset {
  readonly type: string;
  readonly body: string | Buffer;
}

/** What the playground routes need from the app. */
export interface PlaygroundRoutes {
  /** True once the server is shutting down: responses then close their connection. */
  readonly closing: () => boolean;
}

/**
 * `GET /playground` (the page) and `GET /playground/assets/<name>` (its stylesheet and modules). They
 * serve only these fixed files, built into the package: no response holds anything from a request, a
 * prediction or a secret. The page reads the API (already redacted) from the browser. Every response is
 * `no-store` and carries {@link PLAYGROUND_CSP}.
 */
export function registerPlaygroundRoutes(app: FastifyInstance, routes: PlaygroundRoutes): void {
  const page: Asset = { type: "text/html; charset=utf-8", body: PLAYGROUND_HTML };
  const assets = new Map<string, Asset>([["playground.css", { type: "text/css; charset=utf-8", body: PLAYGROUND_CSS }]]);
  for (const name of CLIENT_MODULES)
    assets.set(`${name}.js`, {
      type: "text/javascript; charset=utf-8",
      body: readFileSync(new URL(`./client/${name}.js`, import.meta.url)),
    });

  const send = (reply: FastifyReply, asset: Asset) => {
    if (routes.closing()) reply.header("connection", "close");
    return reply
      .code(200)
      .header("content-type", asset.type)
      .header("cache-control", "no-store")
      .header("content-security-policy", PLAYGROUND_CSP)
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "no-referrer")
      .header("x-frame-options", "DENY")
      .header("cross-origin-resource-policy", "same-origin")
      .send(asset.body);
  };
  app.get("/playground", (_request, reply) => send(reply, page));
  app.get("/playground/", (_request, reply) => send(reply, page));
  app.get<{ Params: { name: string } }>("/playground/assets/:name", (request, reply) => {
    const asset = assets.get(request.params.name);
    return asset ? send(reply, asset) : reply.callNotFound();
  });
}
