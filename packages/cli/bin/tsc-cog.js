#!/usr/bin/env node
// The bin shim: everything lives in dist/, built by `tsc -b`.
import module from "node:module";

// Node ≥ 22.1 caches compiled bytecode of our modules on disk: a faster start for every later run.
module.enableCompileCache?.();

const { main } = await import("../dist/main.js");
await main(process.argv.slice(2));
