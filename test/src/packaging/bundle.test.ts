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

describe("the CLI's bundle", () => {
  it("runs predict when it is current, and the compiled dist/ when a build is newer than it", async () => {
    const current = await modulesOfPredict();
    assert.ok(current.includes(pathToFileURL(BUNDLE).href), "predict ran from the bundle");
    assert.ok(!current.includes(pathToFileURL(COMPILED).href), "and not from dist/main.js");

    const { atime, mtime } = statSync(BUNDLE);
    try {
      // As after `tsc -b` without the bundling step: the bundle is older than the code it holds.
      utimesSync(BUNDLE, new Date(0), new Date(0));
      const stale = await modulesOfPredict();
      assert.ok(stale.includes(pathToFileURL(COMPILED).href), "predict ran from dist/main.js");
      assert.ok(!stale.includes(pathToFileURL(BUNDLE).href), "and not from the stale bundle");
    } finally {
      utimesSync(BUNDLE, atime, mtime);
    }
  });

  it("forks the worker from the runtime's bundle when it is current, and from dist/worker/ when a build is newer", async () => {
    const current = await modulesOfPredict();
    assert.ok(current.includes(pathToFileURL(WORKER_BUNDLE).href), "the worker ran from the bundle");
    assert.ok(!current.includes(pathToFileURL(WORKER_COMPILED).href), "and not from dist/worker/");

    const { atime, mtime } = statSync(WORKER_BUNDLE);
    const fork = join(WORKER_BUNDLE, "..", "fork-worker.js");
    const forkTimes = statSync(fork);
    try {
      utimesSync(fork, new Date(0), new Date(0));
      const stale = await modulesOfPredict();
      assert.ok(stale.includes(pathToFileURL(WORKER_COMPILED).href), "the worker ran from dist/worker/");
      assert.ok(!stale.includes(pathToFileURL(WORKER_BUNDLE).href), "and not from the stale bundle");
    } finally {
      utimesSync(WORKER_BUNDLE, atime, mtime);
      utimesSync(fork, forkTimes.atime, forkTimes.mtime);
    }
  });
});
