import { locateProject, resolveDeploymentSecrets, secretStoreDir } from "@tsc-cog/runtime";
import { startServer } from "@tsc-cog/server";
import type { CommandIO } from "../../io.js";
import { cliVersion } from "../../version.js";
import type { ServeOptions } from "../options.js";
import { reloadOnChange } from "./reload-on-change.js";
import {
  resolveBodyLimit,
  resolveConcurrency,
  resolveMaxSecretsPerWorker,
  resolvePort,
  resolvePredictionConcurrency,
  resolveUploadUrl,
  servingSummary,
} from "./serve-settings.js";

/**
 * Serves the predictor over Cog's HTTP prediction API until SIGTERM, SIGINT or `POST /shutdown`,
 * then finishes the predictions in flight and returns (a second signal kills the workers at once).
 * Settings and deployment secrets are resolved first, so a bad flag or a missing secret is a
 * usage error before anything starts.
 */
export async function serve(options: ServeOptions, io: CommandIO): Promise<void> {
  const location = locateProject(io.cwd, options.predictor);
  const concurrency = resolveConcurrency(options.concurrency);
  const predictionConcurrency = resolvePredictionConcurrency(io.env, location.config);
  const port = resolvePort(options.port, io.env);
  const bodyLimit = resolveBodyLimit(io.env);
  const uploadUrl = resolveUploadUrl(options.uploadUrl);
  const maxSecretsPerWorker = resolveMaxSecretsPerWorker(io.env);
  const deploymentSecrets = resolveDeploymentSecrets(location.config?.secrets ?? [], {
    secretsDir: options.secretsDir,
    env: io.env,
    storeDir: secretStoreDir(io.env),
  });
  const webhookAuthToken = io.env.WEBHOOK_AUTH_TOKEN || undefined;
  // The predictor does not need the webhook token (each worker's session keeps TSC_COG_SECRET_* from it).
  const { WEBHOOK_AUTH_TOKEN: _token, ...env } = io.env;
  const server = await startServer({
    worker: { ref: location.ref, cwd: location.dir, env },
    host: options.host,
    port,
    concurrency,
    setupTimeoutSeconds: options.setupTimeout,
    deploymentSecrets,
    webhookAuthToken,
    version: cliVersion(),
    ...(bodyLimit !== undefined ? { bodyLimit } : {}),
    ...(uploadUrl !== undefined ? { uploadUrl } : {}),
    ...(maxSecretsPerWorker !== undefined ? { maxSecretsPerWorker } : {}),
    ...(predictionConcurrency !== undefined ? { predictionConcurrency } : {}),
    ...(options.playground ? { playground: true } : {}),
    logTo: (text) => io.stderr.write(text),
  });
  io.stderr.write(
    `tsc-cog serve: ${location.ref} on ${server.url} (${servingSummary(concurrency, predictionConcurrency)}); running setup()\n`,
  );
  if (options.playground) io.stderr.write(`tsc-cog serve: the playground is at ${server.url}/playground\n`);
  const watcher = options.watch ? reloadOnChange(server, location.dir, io) : undefined;
  if (watcher) io.stderr.write(`tsc-cog serve: watching ${location.dir} for changes\n`);
  let signals = 0;
  const onSignal = () => {
    signals++;
    watcher?.close();
    if (signals === 1) io.stderr.write("tsc-cog serve: shutting down (signal again to stop at once)\n");
    void server.shutdown({ force: signals > 1 });
  };
  // A server lives until a signal: SIGTERM is how containers stop it, so serve listens for it itself.
  process.on("SIGTERM", onSignal);
  io.onInterrupt(onSignal);
  try {
    await server.closed;
    io.stderr.write("tsc-cog serve: stopped\n");
  } finally {
    watcher?.close();
    process.off("SIGTERM", onSignal);
    io.onInterrupt(undefined);
  }
}
