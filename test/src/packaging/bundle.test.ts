// The bin loads `predict`/`run` from the CLI's bundle (scripts/bundle.mjs), and forks the worker from the
// runtime's, only while each bundle is as new as the last build of the code in it: after a bare `tsc -b`,
// what runs is the code just built, unbundled. (The trace hook reaches the worker too, through NODE_OPTIONS.)
import assert from "node:assert/strict";
import { readFileSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { REPO_ROOT, runCli } from "../support/cli.js";
import { tempDir, writeFiles } from "../support/temp.js";

const HELLO = join(REPO_ROOT, "examples", "hello");
const BUNDLE = join(REPO_ROOT, "packages", "cli", "dist", "bundle", "main.js");
const COMPILED = join(REPO_ROOT, "packages", "cli", "dist", "main.js");
const WORKER_BUNDLE = join(REPO_ROOT, "packages", "runtime", "dist", "bundle", "worker-main.js");
const WORKER_COMPILED = join(REPO_ROOT, "packages", "runtime", "dist", "worker", "worker-main.js");

/** Runs `tsc-cog predict` in examples/hello and returns the file URLs of the modules it loaded. */
async function modulesOfPredict(): Promise<string[]> {
  const dir = tempDir("tsc-cog-bundle-trace-");
  const trace = join(dir, "modules");
  writeFiles(dir, {
    "hooks.mjs": `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.MODULE_TRACE, result.url + "\\n");
  return result;
}
`,
    "register.mjs": `import { register } from "node:module";\nregister(new URL("./hooks.mjs", import.meta.url));\n`,
    modules: "",
  });
  const run = await runCli(["predict", "-i", "name=world"], {
    cwd: HELLO,
    env: { MODULE_TRACE: trace, NODE_OPTIONS: `--import=${pathToFileURL(join(dir, "register.mjs")).href}` },
  });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, "hello world\n");
  return readFileSync(trace, "utf8").split("\n").filter(Boolean);
}

/**
 * Runs predict as built, then with `bundle` (the file whose age the bin checks) older than every build —
 * as after `tsc -b` without the bundling step — and checks that `bundled` ran the first time and
 * `compiled` the second, never both.
 */
async function assertBundleRunsWhileCurrent(bundle: string, bundled: string, compiled: string): Promise<void> {
  const current = await modulesOfPredict();
  assert.ok(current.includes(pathToFileURL(bundled).href), `${bundled} ran`);
  assert.ok(!current.includes(pathToFileURL(compiled).href), `and not ${compiled}`);
  const { atime, mtime } = statSync(bundle);
  try {
    utimesSync(bundle, new Date(0), new Date(0));
    const stale = await modulesOfPredict();
    assert.ok(stale.includes(pathToFileURL(compiled).href), `${compiled} ran once the bundle was stale`);
    assert.ok(!stale.includes(pathToFileURL(bundled).href), `and not ${bundled}`);
  } finally {
    utimesSync(bundle, atime, mtime);
  }
}

describe("the CLI's bundle", () => {
  it("runs predict when it is current, and the compiled dist/ when a build is newer than it", () =>
    assertBundleRunsWhileCurrent(BUNDLE, BUNDLE, COMPILED));

  it("forks the worker from the runtime's bundle when it is current, and from dist/worker/ when a build is newer", () =>
    assertBundleRunsWhileCurrent(join(WORKER_BUNDLE, "..", "fork-worker.js"), WORKER_BUNDLE, WORKER_COMPILED));
});
