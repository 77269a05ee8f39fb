#!/usr/bin/env node
// The bin shim: everything lives in dist/, built by `pnpm run build` (tsc -b, then scripts/bundle.mjs).
import { statSync } from "node:fs";
import module from "node:module";

const argv = process.argv.slice(2);
const predicting = (argv[0] === "predict" || argv[0] === "run") && !argv.some((a) => a === "--help" || a === "-h" || a === "--version");
// --url: a running server predicts; no worker here.
const remote = argv.some((a) => a === "--url" || a.startsWith("--url="));
let preforked;
if (predicting && !remote) {
  // Fork the predictor's worker before importing the CLI, so the two start-ups overlap (BENCHMARKS.md, Start-up).
  // It boots and waits; `predict` tells it which predictor to load. It never sees TSC_COG_SECRET_* variables.
  // The runtime's worker bundle (scripts/bundle.mjs) while it is current, else its dist/ as compiled.
  const runtime = new URL(".", import.meta.resolve("@tsc-cog/runtime"));
  const bundled = isCurrent(new URL("bundle/fork-worker.js", runtime), [new URL(".tsbuildinfo", runtime)]);
  const { forkWorker } = await import(new URL(bundled ? "bundle/fork-worker.js" : "worker/fork-worker.js", runtime).href);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TSC_COG_SECRET_")));
  preforked = forkWorker(undefined, { cwd: process.cwd(), env });
}

// Node ≥ 22.1 caches compiled bytecode of our modules on disk: a faster start for every later run. Turned on
// after the fork, which it would delay by ~2 ms (the worker is the longer leg).
module.enableCompileCache?.();

// predict/run load the CLI as one bundle (scripts/bundle.mjs): loading ~240 modules one by one was most of
// their start-up. Every other command loads dist/ as compiled (`serve` imports @tsc-cog/server, which is not
// bundled: one process never holds two copies of the runtime). A bundle older than a build of the code in it
// (`tsc -b` run without `pnpm run build`) is not used: what runs is always the code last built.
const builds = ["../dist/.tsbuildinfo", "../../runtime/dist/.tsbuildinfo", "../../sdk/dist/.tsbuildinfo"].map(
  (path) => new URL(path, import.meta.url),
);
const cliBundle = new URL("../dist/bundle/main.js", import.meta.url);
const { main } = await import(predicting && isCurrent(cliBundle, builds) ? cliBundle.href : "../dist/main.js");
await main(argv, { preforked });

/** A bundle is current when it exists and no build of the code in it (`tsc -b`'s .tsbuildinfo, where present) is newer. */
function isCurrent(bundle, builds) {
  const modified = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs;
  const bundled = modified(bundle);
  if (bundled === undefined) return false;
  return builds.map(modified).every((built) => built === undefined || built <= bundled);
}
