import { existsSync, readFileSync } from "node:fs";
import {
  createRequire,
  type LoadFnOutput,
  type LoadHook,
  type LoadHookContext,
  type ResolveFnOutput,
  type ResolveHook,
  type ResolveHookContext,
} from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compileWithCache } from "./compile-cache.js";

/** What `registerPredictorLoader` hands the hooks (through `initialize` on Node 20). */
export interface PredictorLoaderData {
  /** The compile cache directory; `undefined` compiles every time. */
  readonly cacheDir: string | undefined;
}

const TYPESCRIPT_FILE = /\.m?ts$/;
const SDK = "@tsc-cog/sdk";
/** Packages a predictor may import without installing them, as `cog` is simply there in a Cog container. */
const SDK_PACKAGES = [SDK, "class-validator", "class-transformer", "reflect-metadata"];
let sdkUrl: string | undefined;
let settings: PredictorLoaderData = { cacheDir: undefined };

/** Sets what the hooks use. Node 20's `module.register` calls it in the hooks thread with its `data`. */
export function initialize(data: PredictorLoaderData): void {
  settings = data;
}

/** True for the URL of a `.ts`/`.mts` file. */
function isTypeScriptFile(url: string | undefined): url is string {
  return url?.startsWith("file:") === true && TYPESCRIPT_FILE.test(new URL(url).pathname);
}

/**
 * The `.ts` file that a TypeScript file's relative `./x.js` (or `./x.mjs`) import means under
 * TypeScript's nodenext convention, when no `.js` file is there but the `.ts` one is; otherwise
 * `undefined`. Imports from JavaScript files are left alone (and cost no file-system check).
 */
export function typeScriptSibling(specifier: string, parentURL: string | undefined): string | undefined {
  if (!isTypeScriptFile(parentURL) || !/^\.{1,2}\//.test(specifier) || !/\.m?js$/.test(specifier)) return undefined;
  const url = new URL(specifier, parentURL);
  if (existsSync(fileURLToPath(url))) return undefined;
  const sibling = new URL(url.href.replace(/js$/, "ts"));
  return existsSync(fileURLToPath(sibling)) ? sibling.href : undefined;
}

/**
 * True when an import of `@tsc-cog/sdk` (or a subpath) could not be resolved from the importing
 * file: it is then resolved as if imported by the runtime, which gets this runtime's own SDK copy
 * (DESIGN §7: one `predict.ts` in an empty folder is a complete project).
 */
function needsOwnSdk(specifier: string, error: unknown): boolean {
  const isSdk = SDK_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`));
  return isSdk && (error as { code?: unknown } | null)?.code === "ERR_MODULE_NOT_FOUND";
}

/**
 * Where an SDK-provided package is resolved from when the predictor's folder has none: the SDK
 * itself from this runtime, and the SDK's own dependencies (class-validator for custom input-class
 * validators, …) from the SDK, so the predictor shares the very copies the SDK validates with.
 */
function fallbackParent(specifier: string): string {
  if (specifier === SDK || specifier.startsWith(`${SDK}/`)) return import.meta.url;
  sdkUrl ??= pathToFileURL(createRequire(import.meta.url).resolve(SDK)).href;
  return sdkUrl;
}

/** The compiled module for a `.ts`/`.mts` file URL, or `undefined` for any other URL. */
function loadTypeScript(url: string): LoadFnOutput | undefined {
  if (!isTypeScriptFile(url)) return undefined;
  const filename = fileURLToPath(url);
  const source = readFileSync(filename, "utf8");
  return { format: "module", source: compileWithCache(source, filename, settings.cacheDir), shortCircuit: true };
}

/** `resolve` for Node 20's off-thread `module.register` (asynchronous chain). */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const sibling = typeScriptSibling(specifier, context.parentURL);
  if (sibling !== undefined) return { url: sibling, shortCircuit: true };
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (!needsOwnSdk(specifier, error)) throw error;
    return nextResolve(specifier, { ...context, parentURL: fallbackParent(specifier) });
  }
};

/** `load` for Node 20's off-thread `module.register` (asynchronous chain). */
export const load: LoadHook = async (url, context, nextLoad) => loadTypeScript(url) ?? nextLoad(url, context);

/** The synchronous hooks of `module.registerHooks` (Node ≥ 22.15), in the same thread: same logic as above. */
export const synchronousHooks = {
  resolve(
    specifier: string,
    context: ResolveHookContext,
    nextResolve: (specifier: string, context?: Partial<ResolveHookContext>) => ResolveFnOutput,
  ): ResolveFnOutput {
    const sibling = typeScriptSibling(specifier, context.parentURL);
    if (sibling !== undefined) return { url: sibling, shortCircuit: true };
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!needsOwnSdk(specifier, error)) throw error;
      return nextResolve(specifier, { ...context, parentURL: fallbackParent(specifier) });
    }
  },
  load(url: string, context: LoadHookContext, nextLoad: (url: string, context?: Partial<LoadHookContext>) => LoadFnOutput): LoadFnOutput {
    return loadTypeScript(url) ?? nextLoad(url, context);
  },
};
