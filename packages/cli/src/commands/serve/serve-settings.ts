import { UsageError } from "@tsc-cog/runtime";

/** Cog's `cog serve` port. */
export const DEFAULT_PORT = 8393;

/** A positive whole number from a flag or an environment variable, or a {@link UsageError} naming where it came from. */
function positiveInteger(value: number | string, source: string, min: number): number {
  const number = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isSafeInteger(number) || number < min)
    throw new UsageError(`${source} must be a whole number of at least ${min}, got ${JSON.stringify(value)}`);
  return number;
}

/** Worker processes: `--concurrency`, else `$COG_MAX_CONCURRENCY`, else 1. */
export function resolveConcurrency(flag: number | undefined, env: NodeJS.ProcessEnv): number {
  if (flag !== undefined) return positiveInteger(flag, "--concurrency", 1);
  const fromEnv = env.COG_MAX_CONCURRENCY;
  return fromEnv !== undefined && fromEnv !== "" ? positiveInteger(fromEnv, "COG_MAX_CONCURRENCY", 1) : 1;
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
