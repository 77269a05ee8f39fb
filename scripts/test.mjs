#!/usr/bin/env node
// Runs every compiled test file with node:test. Paths are explicit because Node ≥ 22.18's bare
// `node --test` would also pick up .ts and .d.ts files. Extra arguments are passed to node --test
// (e.g. `--test-name-pattern=redact`); TEST_NODE selects another node binary (CI runs 22 and 24 too).
// A package's unit tests are built into its dist-test/ (tsconfig.test.json), never into dist/; the
// cross-package and end-to-end tests into test/dist/.
//
// Order matters for the wall time: node --test starts files in the order given, so the slowest
// end-to-end files (measured: 30–100 s each on a 2-core machine, most of it waiting on subprocesses)
// start first and the quick unit tests fill in at the end; otherwise a minute-long file that starts
// last runs alone. A file missing from SLOWEST_FIRST (renamed, new) still runs, in path order.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const roots = [...readdirSync("packages").map((p) => join("packages", p, "dist-test")), join("test", "dist")];

function collect(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return collect(path);
    return name.endsWith(".test.js") ? [path] : [];
  });
}

const SLOWEST_FIRST = [
  "test/dist/predict/leaks.test.js",
  "test/dist/secrets/leak-deploy.test.js",
  "test/dist/predict/arguments.test.js",
  "test/dist/packaging/pack-install.test.js",
  "test/dist/build/image.test.js",
  "test/dist/predict/egress.test.js",
  "test/dist/server/workers.test.js",
  "test/dist/server/leaks.test.js",
  "test/dist/build/context.test.js",
  "test/dist/predict/cli-surface.test.js",
  "test/dist/predict/outputs.test.js",
  "test/dist/predict/loading.test.js",
  "test/dist/reliability/server-faults.test.js",
  "test/dist/reliability/output-linear.test.js",
  "test/dist/server/concurrent.test.js",
  "test/dist/readme/readme.test.js",
  "test/dist/playground/playground.test.js",
  "test/dist/predict-url/predict-url.test.js",
  "test/dist/serve-watch/serve-watch.test.js",
].map((path) => join(...path.split("/")));

/** Where a file starts: the slowest first, then the other end-to-end files, then the unit tests. */
const rank = (path) => {
  const slow = SLOWEST_FIRST.indexOf(path);
  if (slow >= 0) return slow;
  return SLOWEST_FIRST.length + (path.startsWith(join("test", "dist")) ? 0 : 1);
};
const files = roots
  .flatMap(collect)
  .sort()
  .sort((a, b) => rank(a) - rank(b));
if (files.length === 0) {
  console.error("no compiled test files found: run `tsc -b` first");
  process.exit(1);
}
const node = process.env.TEST_NODE ?? process.execPath;
const result = spawnSync(node, ["--test", "--test-concurrency=2", ...process.argv.slice(2), ...files], { stdio: "inherit" });
process.exit(result.status ?? 1);
