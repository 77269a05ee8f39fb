#!/usr/bin/env node
// Bundles the CLI for `tsc-cog predict` / `run`, after `tsc -b` (`pnpm run build` does both).
//
//   node scripts/bundle.mjs
//
// Start-up of `tsc-cog predict` is dominated by loading modules: the CLI's compiled graph is ~240
// modules (yargs, chalk, yaml's 72 CommonJS files, the SDK's and the runtime's ES modules), and Node
// resolves, reads, compiles and links each one. One bundle of the same compiled code loads in 92 ms
// instead of 158 ms on Node 20 (52 vs 86 ms on Node 22), measured in BENCHMARKS.md (Start-up).
//
// What goes in: packages/cli/dist/main.js and everything it imports — the CLI, @tsc-cog/runtime,
// @tsc-cog/sdk, yargs, chalk, yaml — as dist/bundle/main.js, plus chunks for the commands it imports on
// demand. What stays out: @tsc-cog/server (`serve` is never run from the bundle: the bin uses it for
// predict/run only, so one process never holds two copies of the runtime), @swc/core (native; the CLI
// process never compiles) and the CommonJS packages our code loads lazily with createRequire
// (class-validator, mime-types), which it resolves from its own package (see their callers).
// The licences of the packages inlined are written beside the bundle (THIRD_PARTY_LICENSES.txt).
//
// Then the worker's side, into packages/runtime/dist/bundle/: worker-main.js (the worker process, with
// the runtime code it runs inlined: ~25 modules became one file), fork-worker.js (which forks it: its
// sibling) and hooks.js (the loader hooks, which Node 20 loads in its hooks thread by URL). @tsc-cog/sdk
// stays out: the predictor imports it too, and the worker must hold the very same copy. It lives in the
// runtime's package because its code finds files relative to itself (package.json, @swc/core, the SDK
// fallback of the hooks), as it did unbundled.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { build } from "esbuild";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "packages", "cli");
const OUT = join(CLI, "dist", "bundle");
const RUNTIME = join(ROOT, "packages", "runtime");
const WORKER_OUT = join(RUNTIME, "dist", "bundle");

rmSync(OUT, { recursive: true, force: true });
rmSync(WORKER_OUT, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(CLI, "dist", "main.js")],
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["@tsc-cog/server", "@swc/core", "class-validator", "mime-types"],
  // Inlined CommonJS (yaml) calls require() for Node's built-ins; an ES module has none of its own.
  banner: {
    js: 'import { createRequire as __tscCogCreateRequire } from "node:module";\nconst require = __tscCogCreateRequire(import.meta.url);',
  },
  metafile: true,
  // The metafile's paths are relative to this (and the script may run from packages/cli: its prepack).
  absWorkingDir: ROOT,
  logLevel: "warning",
});

const worker = await build({
  entryPoints: ["worker/worker-main.js", "worker/fork-worker.js", "loader/hooks.js"].map((file) => join(RUNTIME, "dist", file)),
  outdir: WORKER_OUT,
  // Flat (worker-main.js beside fork-worker.js and hooks.js) and self-contained: no shared chunks.
  entryNames: "[name]",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["@tsc-cog/sdk", "@swc/core", "class-validator", "mime-types", "reflect-metadata"],
  metafile: true,
  absWorkingDir: ROOT,
  logLevel: "warning",
});
const inlined = Object.keys(worker.metafile.inputs).filter((input) => !input.startsWith("packages/runtime/dist/"));
if (inlined.length > 0) throw new Error(`the worker bundle must hold only the runtime's own code; it inlined: ${inlined.join(", ")}`);

// Every third-party package with code in the bundle, with its licence text.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!match) continue;
  const dir = join(ROOT, input.slice(0, match.index + match[0].length));
  if (!packages.has(match[1])) packages.set(match[1], dir);
}
const notices = [...packages]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, dir]) => {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const file = readdirSync(dir).find((entry) => /^licen[cs]e/i.test(entry));
    if (file === undefined) throw new Error(`${name} (${relative(ROOT, dir)}) has no licence file to ship with the bundle`);
    return `${name}@${manifest.version} (${manifest.license})\n\n${readFileSync(join(dir, file), "utf8").trim()}\n`;
  });
writeFileSync(
  join(OUT, "THIRD_PARTY_LICENSES.txt"),
  `The bundle in this folder contains code of these packages, under their licences:\n\n${notices.join(`\n${"-".repeat(72)}\n\n`)}`,
);
if (!existsSync(join(OUT, "main.js"))) throw new Error(`no bundle written to ${relative(ROOT, dirname(OUT))}`);
