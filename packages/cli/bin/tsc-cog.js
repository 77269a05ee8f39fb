#!/usr/bin/env node
// The bin shim: everything lives in dist/, built by `tsc -b`.
import module from "node:module";

// Node ≥ 22.1 caches compiled bytecode of our modules on disk: a faster start for every later run.
module.enableCompileCache?.();

const argv = process.argv.slice(2);
let preforked;
if ((argv[0] === "predict" || argv[0] === "run") && !argv.some((a) => a === "--help" || a === "-h" || a === "--version")) {
  // Fork the predictor's worker before importing the CLI, so the two start-ups overlap (BENCHMARKS.md, Start-up).
  // It boots and waits; `predict` tells it which predictor to load. It never sees TSC_COG_SECRET_* variables.
  const { forkWorker } = await import(new URL("./worker/fork-worker.js", import.meta.resolve("@tsc-cog/runtime")).href);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TSC_COG_SECRET_")));
  preforked = forkWorker(undefined, { cwd: process.cwd(), env });
}

const { main } = await import("../dist/main.js");
await main(argv, { preforked });
