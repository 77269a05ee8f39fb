// Shared set-up of bench/startup.mjs and bench/startup-profile.mjs: a temp folder with a warm compile
// cache for examples/hello, and the baseline project (the same predictor as the loader compiled it,
// run by plain node).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const HELLO = join(ROOT, "examples", "hello");
export const CLI = join(ROOT, "packages", "cli", "bin", "tsc-cog.js");
export const EXPECTED = "hello world\n";

/**
 * Creates the temp folder (removed at exit) with:
 * - `warmCache`: a compile cache filled by one `tsc-cog predict` run of examples/hello;
 * - `baselineDir`: `predict.mjs` (that cache's only entry: hello's predict.ts as the loader compiled it),
 *   `node_modules/@tsc-cog/sdk` → packages/sdk, and `run.mjs`, which imports it, runs setup() and
 *   predict("world") and prints the result.
 */
export function prepareStartupBench(node = process.execPath) {
  const work = mkdtempSync(join(tmpdir(), "tsc-cog-bench-startup-"));
  process.on("exit", () => rmSync(work, { recursive: true, force: true }));
  const baseEnv = { ...process.env };
  for (const name of Object.keys(baseEnv)) if (name.startsWith("TSC_COG_") || name === "NODE_OPTIONS") delete baseEnv[name];

  const warmCache = join(work, "warm-cache");
  const first = spawnSync(node, [CLI, "predict", "-i", "name=world"], {
    cwd: HELLO,
    env: { ...baseEnv, TSC_COG_CACHE_DIR: warmCache },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (first.stdout !== EXPECTED) throw new Error(`tsc-cog predict failed (exit ${first.status}):\n${first.stderr}`);
  const entries = readdirSync(warmCache).filter((name) => name.endsWith(".js"));
  if (entries.length !== 1) throw new Error(`expected one compiled predictor in ${warmCache}, found: ${entries.join(", ")}`);

  const baselineDir = join(work, "baseline");
  mkdirSync(join(baselineDir, "node_modules", "@tsc-cog"), { recursive: true });
  symlinkSync(join(ROOT, "packages", "sdk"), join(baselineDir, "node_modules", "@tsc-cog", "sdk"), "dir");
  copyFileSync(join(warmCache, entries[0]), join(baselineDir, "predict.mjs"));
  const baselineRunner = join(baselineDir, "run.mjs");
  writeFileSync(
    baselineRunner,
    [
      'import { Predictor } from "./predict.mjs";',
      "const predictor = new Predictor();",
      "await predictor.setup();",
      'process.stdout.write(String(await predictor.predict("world")) + "\\n");',
      "",
    ].join("\n"),
  );
  return { work, baseEnv, warmCache, baselineDir, baselineRunner, HELLO, CLI, EXPECTED };
}
