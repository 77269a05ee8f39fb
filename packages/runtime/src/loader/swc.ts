import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The `@swc/core` module, as `loadSwc()` returns it. */
export type Swc = typeof import("@swc/core");

const require = createRequire(import.meta.url);
let swc: Swc | undefined;
let version: string | undefined;

/**
 * Loads `@swc/core` on first use. Nothing else in the loader imports swc, so a run whose predictor
 * is served from the compile cache never pays for loading its native binding (tens of milliseconds).
 */
export function loadSwc(): Swc {
  swc ??= require("@swc/core") as Swc;
  return swc;
}

/** True once `loadSwc()` has loaded `@swc/core` in this thread; tests use it to prove a cache hit skips swc. */
export function isSwcLoaded(): boolean {
  return swc !== undefined;
}

/** The installed `@swc/core` version, read from its package.json without loading swc itself. */
export function swcVersion(): string {
  if (version === undefined) {
    const manifest = JSON.parse(readFileSync(require.resolve("@swc/core/package.json"), "utf8")) as { version: string };
    version = manifest.version;
  }
  return version;
}
