import { MAX_PREDICTION_CONCURRENCY, UsageError } from "@tsc-cog/runtime";

/** Cog's `cog serve` port. */
export const DEFAULT_PORT = 8393;

/** A positive whole number from a flag or an environment variable, or a {@link UsageError} naming where it came from. */
function positiveInteger(value: number | string, source: string, min: number): number {
  const number = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isSafeInteger(number) || number < min)
    throw new UsageError(`${source} must be a whole number of at least ${min}, got ${JSON.stringify(value)}`);
  return number;
}

/** Worker processes: `--concurrency`, else 1. (`$COG_MAX_CONCURRENCY` is predictions per worker, as in Cog.) */
export function resolveConcurrency(flag: number | undefined): number {
  return flag === undefined ? 1 : positiveInteger(flag, "--concurrency", 1);
}

/** The deployment's word on how many predictions one worker runs at once, and where it said so (for error messages). */
export interface PredictionConcurrency {
  readonly max: number;
  readonly from: string;
}

/**
 * Predictions at once per worker, as Cog decides it: `$COG_MAX_CONCURRENCY` (set and not empty), else
 * cog.yaml's `concurrency.max`, else `undefined` — the predictor's own `@Concurrent({ max })` (or 1) applies.
 */
export function resolvePredictionConcurrency(
  env: NodeJS.ProcessEnv,
  config: { readonly concurrency?: { readonly max: number } } | undefined,
): PredictionConcurrency | undefined {
  const fromEnv = env.COG_MAX_CONCURRENCY;
  if (fromEnv !== undefined && fromEnv !== "") {
    const max = positiveInteger(fromEnv, "COG_MAX_CONCURRENCY", 1);
    if (max > MAX_PREDICTION_CONCURRENCY)
      throw new UsageError(`COG_MAX_CONCURRENCY must be at most ${MAX_PREDICTION_CONCURRENCY}, got ${JSON.stringify(fromEnv)}`);
    return { max, from: `COG_MAX_CONCURRENCY=${max}` };
  }
  const fromConfig = config?.concurrency?.max;
  return fromConfig === undefined ? undefined : { max: fromConfig, from: `cog.yaml concurrency.max: ${fromConfig}` };
}

/** The port: `--port`, else `$PORT`, else 8393; 0 picks a free one. */
export function resolvePort(flag: number | undefined, env: NodeJS.ProcessEnv): number {
  const port = flag !== undefined ? positiveInteger(flag, "--port", 0) : env.PORT ? positiveInteger(env.PORT, "PORT", 0) : DEFAULT_PORT;
  if (port > 65535) throw new UsageError(`the port must be at most 65535, got ${port}`);
  return port;
}

/** The request body limit in bytes: `$TSC_COG_MAX_BODY_BYTES`, else the server's default. */
export function resolveBodyLimit(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.TSC_COG_MAX_BODY_BYTES;
  return value === undefined || value === "" ? undefined : positiveInteger(value, "TSC_COG_MAX_BODY_BYTES", 1);
}

/**
 * How many distinct secrets one worker may see before it is replaced (after its prediction):
 * `$TSC_COG_MAX_SECRETS_PER_WORKER`, else the server's default (1,000). A secret stays redacted for
 * as long as the worker that saw it lives, so this bounds the server's memory.
 */
export function resolveMaxSecretsPerWorker(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.TSC_COG_MAX_SECRETS_PER_WORKER;
  return value === undefined || value === "" ? undefined : positiveInteger(value, "TSC_COG_MAX_SECRETS_PER_WORKER", 1);
}

/** `--upload-url`: an http(s) URL, or a {@link UsageError}. */
export function resolveUploadUrl(flag: string | undefined): string | undefined {
  if (flag === undefined) return undefined;
  if (!URL.canParse(flag) || !/^https?:$/.test(new URL(flag).protocol))
    throw new UsageError(`--upload-url must be an http:// or https:// URL, got ${JSON.stringify(flag)}`);
  return flag;
}

/**
 * The banner's account of capacity: `1 worker, up to 4 predictions each`. Without a deployment
 * override the predictor's `@Concurrent` decides, which is known only once a worker has loaded it.
 */
export function servingSummary(workers: number, perWorker: PredictionConcurrency | undefined): string {
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
  const each = perWorker ? `up to ${plural(perWorker.max, "prediction")} each` : "predictions each as @Concurrent says (default 1)";
  return `${plural(workers, "worker")}, ${each}`;
}
