import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { swcVersion } from "./swc.js";
import { transformPredictorSource } from "./transform.js";

let pipelineFingerprint: string | undefined;

/**
 * Where compiled predictors are cached: `$TSC_COG_CACHE_DIR`, else
 * `${XDG_CACHE_HOME:-~/.cache}/tsc-cog/compiled`.
 */
export function defaultCompileCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TSC_COG_CACHE_DIR) return resolve(env.TSC_COG_CACHE_DIR);
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "tsc-cog", "compiled");
}

/**
 * The cache key of one compilation: sha256 of the source, its absolute file name (it is in the
 * source map), the swc version, this package's version and loader code, and Node's major
 * version. Computing it never loads swc.
 */
export function compileCacheKey(source: string, filename: string): string {
  pipelineFingerprint ??= fingerprintPipeline();
  const nodeMajor = process.versions.node.split(".")[0];
  const hash = createHash("sha256");
  for (const part of [filename, swcVersion(), pipelineFingerprint, nodeMajor, source]) hash.update(part).update("\0");
  return hash.digest("hex");
}

/**
 * Compiles a predictor source with `transformPredictorSource`, through the on-disk cache in
 * `cacheDir` (`undefined`: no cache). A hit reads one file and never loads swc. A cache directory
 * that cannot be read or written only costs the cache: the source is compiled as if there were none.
 *
 * @throws {TypeScriptSyntaxError} when the source does not parse (failures are not cached).
 */
export function compileWithCache(source: string, filename: string, cacheDir: string | undefined): string {
  if (cacheDir === undefined) return transformPredictorSource(source, filename);
  const entry = join(cacheDir, `${compileCacheKey(source, filename)}.js`);
  try {
    return readFileSync(entry, "utf8");
  } catch {
    const code = transformPredictorSource(source, filename);
    writeAtomically(entry, code);
    return code;
  }
}

/** Writes through a temporary file and a rename, so a concurrent reader sees the whole entry or none. */
function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing more to do: the cache is an optimisation.
    }
  }
}

/**
 * This package's version and the code of the loader's modules (tests aside): during development
 * the version stays put while the compile pipeline changes, and a stale entry must not survive that.
 */
function fingerprintPipeline(): string {
  const hash = createHash("sha256");
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  hash.update(manifest.version);
  const loaderDir = new URL(".", import.meta.url);
  const modules = readdirSync(loaderDir).filter((file) => file.endsWith(".js") && !file.endsWith(".test.js"));
  for (const file of modules.sort()) hash.update(file).update(readFileSync(new URL(file, loaderDir)));
  return hash.digest("hex");
}
