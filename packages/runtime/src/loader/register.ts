import module from "node:module";
import { defaultCompileCacheDir } from "./compile-cache.js";
import { initialize, type PredictorLoaderData, synchronousHooks } from "./hooks.js";

/** Options of {@link registerPredictorLoader}. */
export interface PredictorLoaderOptions {
  /** Where compiled predictors are cached; `null` turns the cache off. Default: `defaultCompileCacheDir()`. */
  readonly cacheDir?: string | null;
}

/** `module.registerHooks`, present from Node 22.15 / 23.5 (not yet in the Node 20 type definitions). */
type RegisterHooks = (hooks: typeof synchronousHooks) => unknown;

let registered = false;

/**
 * Lets this process `import()` TypeScript predictors: `.ts`/`.mts` files are compiled by swc (through
 * the compile cache), `./x.js` imports find `./x.ts`, and `@tsc-cog/sdk` falls back to this runtime's
 * own copy when the predictor's folder has none. Also turns on source maps for stack traces, so that
 * errors point at `.ts` lines.
 *
 * On Node ≥ 22.15 the hooks run in this thread through `module.registerHooks`; on Node 20 they run
 * in Node's loader thread through `module.register`, the cache directory passed as `data`. Only the
 * first call registers; later calls do nothing.
 */
export function registerPredictorLoader(options: PredictorLoaderOptions = {}): void {
  if (registered) return;
  registered = true;
  process.setSourceMapsEnabled(true);
  const data: PredictorLoaderData = { cacheDir: options.cacheDir === null ? undefined : (options.cacheDir ?? defaultCompileCacheDir()) };
  const registerHooks = (module as { registerHooks?: RegisterHooks }).registerHooks;
  if (typeof registerHooks === "function") {
    initialize(data);
    registerHooks(synchronousHooks);
  } else {
    module.register(new URL("./hooks.js", import.meta.url), { data });
  }
}
