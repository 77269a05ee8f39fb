#!/usr/bin/env node
// The bin shim: everything lives in dist/, built by `pnpm run build` (tsc -b, then scripts/bundle.mjs).
import { statSync } from "node:fs";
import module from "node:module";

// Node ≥ 22.1 caches compiled bytecode of our modules on disk: a faster start for every later run.
module.enableCompileCache?.();

const argv = process.argv.slice(2);
const predicting = (argv[0] === "predict" || argv[0] === "run") && !argv.some((a) => a === "--help" || a === "-h" || a === "--version");
// --url: a running server predicts; no worker here.
const remote = argv.some((a) => a === "--url" || a.startsWith("--url="));
let preforked;
if (predicting && !remote) {
  // Fork the predictor's worker before importing the CLI, so the two start-ups overlap (BENCHMARKS.md, Start-up).
  // It boots and waits; `predict` tells it which predictor to load. It never sees TSC_COG_SECRET_* variables.
  const { forkWorker } = await import(new URL("./worker/fork-worker.js", import.meta.resolve("@tsc-cog/runtime")).href);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TSC_COG_SECRET_")));
  preforked = forkWorker(undefined, { cwd: process.cwd(), env });
}

// predict/run load the CLI as one bundle (scripts/bundle.mjs): loading ~240 modules one by one was most of
// their start-up. Every other command loads dist/ as compiled (`serve` imports @tsc-cog/server, which is not
// bundled: one process never holds two copies of the runtime). A bundle older than a build of the code in it
// (`tsc -b` run without `pnpm run build`) is not used: what runs is always the code last built.
const { main } = await import(predicting && bundleIsCurrent() ? "../dist/bundle/main.js" : "../dist/main.js");
await main(argv, { preforked });

function bundleIsCurrent() {
  const modified = (url) => statSync(new URL(url, import.meta.url), { throwIfNoEntry: false })?.mtimeMs;
  const bundled = modified("../dist/bundle/main.js");
  if (bundled === undefined) return false;
  const builds = ["../dist/.tsbuildinfo", "../../runtime/dist/.tsbuildinfo", "../../sdk/dist/.tsbuildinfo"].map(modified);
  return builds.every((built) => built === undefined || built <= bundled);
}
