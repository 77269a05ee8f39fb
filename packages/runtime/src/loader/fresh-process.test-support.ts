import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// Test support for load-predictor*.test.ts: the loader's hooks are registered once per process, so
// each scenario runs `loadPredictor` in a fresh child process and reports back as JSON.

/** One `loadPredictor` outcome, as the child reports it (hint types by name). */
export type LoadOutcome =
  | { ok: true; className: string; file: string; exportName: string; hints: Record<string, unknown>; exports: string[]; fromCache: boolean }
  | { ok: false; name: string; code: string; message: string; cause?: string };

/** What a child process reports. */
export interface ChildReport {
  readonly results: LoadOutcome[];
  /** Whether swc was loaded in the child's main thread (where the hooks run on Node ≥ 22.15). */
  readonly swcLoaded: boolean;
  /** Whether the child had `module.registerHooks`, i.e. ran the hooks in its main thread. */
  readonly inThreadHooks: boolean;
}

/**
 * Loads each ref with `loadPredictor` in a fresh Node process, in `cwd`, with the compile cache in
 * `cwd/.cache`. A module that exports `__fromCache = true` reports `fromCache` (tests mark cache entries).
 */
export function loadInFreshProcess(refs: string[], cwd: string): ChildReport {
  const script = `
    import module from "node:module";
    import { pathToFileURL } from "node:url";
    import { loadPredictor } from ${JSON.stringify(new URL("./load-predictor.js", import.meta.url).href)};
    import { isSwcLoaded } from ${JSON.stringify(new URL("./swc.js", import.meta.url).href)};
    const typeName = (t) => (Array.isArray(t) ? t.map(typeName) : typeof t === "function" ? t.name : String(t));
    const results = [];
    for (const ref of JSON.parse(process.env.REFS)) {
      try {
        const { predictorClass, file, exportName } = await loadPredictor(ref, process.cwd());
        const exports = await import(pathToFileURL(file).href);
        const recorded = globalThis[Symbol.for("tsc-cog.type-hints")]?.get(predictorClass.prototype) ?? [];
        const hints = Object.fromEntries([...recorded].map(([key, hint]) => [key, "type" in hint ? { ...hint, type: typeName(hint.type) } : hint]));
        results.push({ ok: true, className: predictorClass.name, file, exportName, hints, exports: Object.keys(exports), fromCache: exports.__fromCache === true });
      } catch (error) {
        results.push({ ok: false, name: error.name, code: error.code, message: error.message, cause: error.cause?.message });
      }
    }
    console.log(JSON.stringify({ results, swcLoaded: isSwcLoaded(), inThreadHooks: typeof module.registerHooks === "function" }));`;
  const env = { ...process.env, REFS: JSON.stringify(refs), TSC_COG_CACHE_DIR: join(cwd, ".cache") };
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd, env, encoding: "utf8" }));
}

/** Creates `root/name` holding `files` (text by relative name) and returns its path. */
export function createProject(root: string, name: string, files: Record<string, string> = {}): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}
