import { MetadataKeys } from "../metadata/keys.js";
import { recordMethodValue } from "../metadata/registry.js";

/** The options of `@Concurrent(...)`. */
export interface ConcurrentOptions {
  /** How many predictions one worker runs at once (default 1). Above 1, `predict()` must be async. */
  readonly max?: number;
}

/** The largest `max` tsc-cog accepts: beyond it one process is the wrong tool (use `--concurrency` workers). */
export const MAX_CONCURRENT = 1024;

/**
 * Lets one worker run up to `max` predictions of an async `predict()` (or `run()`) at once, as Cog's
 * `@cog.concurrent(max=N)`: they share the process and its event loop, each with its own
 * `currentScope()` (context, metrics, logs). cog.yaml's `concurrency: max:` wins over it, and
 * `COG_MAX_CONCURRENCY` over both. `tsc-cog serve --concurrency N` multiplies it by N worker processes.
 */
export function Concurrent(options: ConcurrentOptions = {}): MethodDecorator {
  return (target, propertyKey) => recordMethodValue(target, MetadataKeys.concurrent, String(propertyKey), { ...options });
}
