import { UsageError, type WorkerOptions } from "@tsc-cog/runtime";
import { generateOpenApiSchema, type PredictorSpec } from "@tsc-cog/sdk/engine";
import { buildApp } from "../http/app.js";
import { PredictionService } from "../predictions/prediction-service.js";
import { PredictionStore } from "../predictions/prediction-store.js";
import { type PooledSecret, SecretPool } from "../secrets/secret-pool.js";
import { within } from "../util/within.js";
import { SlotPool } from "../workers/slot-pool.js";
import { ServerLog } from "./server-log.js";

/** How to serve a predictor. */
export interface ServerOptions {
  /** The predictor's worker: ref, project folder, environment (without secret variables). */
  readonly worker: WorkerOptions;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Worker processes, one prediction each at a time. */
  /** Worker processes (`--concurrency`). */
  readonly concurrency: number;
  /**
   * Predictions each worker runs at once, when the deployment says (`COG_MAX_CONCURRENCY`, cog.yaml's
   * `concurrency: max:`); else the predictor's `@Concurrent({ max })`, else 1. `from` names the source.
   */
  readonly predictionConcurrency?: { readonly max: number; readonly from: string };
  /** Seconds setup() may take; 0 for no limit. */
  readonly setupTimeoutSeconds: number;
  /** Deployment secrets (cog.yaml `secrets:`), resolved. */
  readonly deploymentSecrets: ReadonlyMap<string, string>;
  /** `$WEBHOOK_AUTH_TOKEN`: sent as a bearer token with every webhook. */
  readonly webhookAuthToken?: string;
  /** tsc-cog's version, for `GET /`, the health check, the schema and the webhooks' User-Agent. */
  readonly version: string;
  /** Largest request body in bytes (default 64 MiB). */
  readonly bodyLimit?: number;
  /** Deepest JSON nesting of a request body (default 64). */
  readonly maxJsonDepth?: number;
  /** Non-terminal webhooks are sent at most once per this many ms (default 500). */
  readonly webhookThrottleMs?: number;
  /** Where the server's log goes (its lines and what the predictor prints), already scrubbed. */
  readonly logTo: (text: string) => void;
  /** A worker is replaced once it has seen more distinct secrets than this (default 1000): secrets are never forgotten while their worker lives. */
  readonly maxSecretsPerWorker?: number;
  /** `--upload-url`: returned files are `PUT` to `<uploadUrl>/<name>` and answered with their URL, instead of data URLs. */
  readonly uploadUrl?: string;
  /** `--playground`: also serve a page at `GET /playground` that builds a form from the schema and runs predictions. */
  readonly playground?: boolean;
}

/** A server that is listening. */
export interface RunningServer {
  /** `http://host:port`. */
  readonly url: string;
  /**
   * Stops accepting predictions, lets those in flight finish (and their webhooks go out), stops the
   * workers and closes the server. With `force`, workers are killed at once. Idempotent.
   */
  shutdown(options?: { readonly force?: boolean }): Promise<void>;
  /** Resolves once the server has shut down. */
  readonly closed: Promise<void>;
  /**
   * Replaces every worker with a new process, which loads the predictor's files afresh (`serve
   * --watch`); the server keeps listening. New predictions get a 503 meanwhile, those in flight finish
   * on the old workers. Resolves with how the new setup went (`undefined` once shutting down): a failure
   * is SETUP_FAILED in the health check, until a later reload succeeds.
   */
  reload(): Promise<{ readonly status: "succeeded" | "failed"; readonly error?: string } | undefined>;
  /**
   * Writes a line of the caller's to the server's log, scrubbed of every secret the server knows, in
   * order with the rest of it: for text the predictor may have shaped (a changed file's name).
   */
  log(line: string): void;
}

/** Starts Cog's HTTP prediction API for one predictor: listens at once, then starts and sets up the workers. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const permanent: PooledSecret[] = [...options.deploymentSecrets].map(([label, value]) => ({ value, label, kind: "deployment" }));
  if (options.webhookAuthToken) permanent.push({ value: options.webhookAuthToken, label: "WEBHOOK_AUTH_TOKEN", kind: "deployment" });
  const secrets = new SecretPool(permanent);
  const serverLog = new ServerLog(options.logTo, () => secrets.redactor);
  const log = (line: string) => serverLog.line(line);
  for (const warning of secrets.newWarnings()) log(`warning: ${warning}`);
  // Scrubbed by every secret the server holds now; the reply scrubs the text once more, as every body that
  // leaves (reply-json.ts).
  const render = (body: unknown) => secrets.redactor.redactJson(body);
  const slots = new SlotPool(options.concurrency, {
    session: {
      ...options.worker,
      deploymentSecrets: options.deploymentSecrets,
      permanentSecrets: new Map(options.webhookAuthToken ? [["WEBHOOK_AUTH_TOKEN", options.webhookAuthToken]] : []),
      setupTimeoutMs: options.setupTimeoutSeconds * 1000,
      ...(options.predictionConcurrency ? { concurrency: options.predictionConcurrency } : {}),
    },
    maxSecretsPerWorker: options.maxSecretsPerWorker ?? 1000,
    relay: (text) => serverLog.text(text),
    log,
    retired: (worker) => secrets.forgetWorker(worker),
  });
  const store = new PredictionStore();
  const aborter = new AbortController();
  const service = new PredictionService({
    slots,
    secrets,
    store,
    render,
    webhooks: {
      authToken: options.webhookAuthToken,
      userAgent: `tsc-cog/${options.version}`,
      throttleMs: options.webhookThrottleMs ?? 500,
      signal: aborter.signal,
    },
    log,
    ...(options.uploadUrl !== undefined ? { uploadUrl: options.uploadUrl } : {}),
  });
  let openapi: { readonly spec: PredictorSpec; readonly json: string } | undefined;
  let shutdown: Promise<void> | undefined;
  let closedResolve!: () => void;
  const closed = new Promise<void>((resolve) => {
    closedResolve = resolve;
  });
  const app = buildApp({
    bodyLimit: options.bodyLimit ?? 64 * 1024 * 1024,
    maxJsonDepth: options.maxJsonDepth ?? 64,
    scrub: (text) => secrets.redactor.redactText(text),
    log,
    version: options.version,
    health: () => ({ status: slots.health(), setup: slots.setup }),
    healthcheck: () => slots.healthcheck(),
    openapi: () => {
      // A reload may bring a new predictor: the document follows the spec the workers loaded.
      const spec = slots.predictorSpec();
      if (spec && openapi?.spec !== spec)
        openapi = { spec, json: JSON.stringify(generateOpenApiSchema(spec, { version: options.version })) };
      return spec ? openapi?.json : undefined;
    },
    render,
    shutdown: () => void stop(),
    closing: () => shutdown !== undefined,
    service,
    playground: options.playground === true,
  });
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "EADDRINUSE" ? "the address is already in use (choose another with --port)" : (error as Error).message;
    throw new UsageError(`cannot listen on ${options.host}:${options.port}: ${reason}`);
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const url = `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`;

  void slots.start().then(() => {
    const { status, error } = slots.setup;
    log(status === "succeeded" ? "setup finished: ready for predictions" : `setup failed: ${error ?? "see GET /health-check"}`);
  });

  const stop = (stopOptions: { readonly force?: boolean } = {}): Promise<void> => {
    shutdown ??= (async () => {
      service.close();
      if (service.inFlight > 0) log(`shutting down: finishing ${service.inFlight} prediction(s) in flight`);
      const http = app.close();
      await service.drain(30_000);
      await slots.stop();
      app.server.closeIdleConnections();
      if (!(await within(http, 5000))) app.server.closeAllConnections();
      await http;
      serverLog.close();
      closedResolve();
    })();
    if (stopOptions.force) {
      // Killing the workers fails what is in flight at once; aborting stops the webhook retries.
      aborter.abort();
      void slots.stop(0);
    }
    return shutdown;
  };
  const reload = async () => {
    if (shutdown) return undefined;
    const { status, error } = await slots.reload();
    if (shutdown || status === "starting") return undefined; // the server is shutting down: no new workers
    log(status === "succeeded" ? "reloaded: ready for predictions" : `setup failed after the reload: ${error ?? "see GET /health-check"}`);
    return { status, ...(error !== undefined ? { error } : {}) };
  };
  return { url, shutdown: stop, closed, reload, log };
}
