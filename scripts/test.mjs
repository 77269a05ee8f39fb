#!/usr/bin/env node
// Runs every compiled test file with node:test. Paths are explicit because Node ≥ 22.18's bare
// `node --test` would also pick up .ts and .d.ts files. Extra arguments are passed to node --test
// (e.g. `--test-name-pattern=redact`); TEST_NODE selects another node binary (CI runs 22 and 24 too).
// A package's unit tests are built into its dist-test/ (tsconfig.test.json), never into dist/; the
// cross-package and end-to-end tests into test/dist/.
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

const files = roots.flatMap(collect).sort();
if (files.length === 0) {
  console.error("no compiled test files found: run `tsc -b` first");
  process.exit(1);
}
const node = process.env.TEST_NODE ?? process.execPath;
const result = spawnSync(node, ["--test", "--test-concurrency=2", ...process.argv.slice(2), ...files], { stdio: "inherit" });
process.exit(result.status ?? 1);
