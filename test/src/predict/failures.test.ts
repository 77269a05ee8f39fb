// A predictor that fails, hangs, exits or is interrupted: exit codes 1 and 130, messages, no stack
// trace unless --debug, no worker left behind, nothing half-written.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isAlive, runCli, startCli, waitUntil } from "../support/cli.js";
import { predictFixture } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const behaviour = (name: string) => predictFixture("behaviour", name);
const STACK_LINE = /^\s+at /m;
const sizeOf = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;

describe("a failing predictor exits 1 with its message", { concurrency: 4 }, () => {
  it("prints error: <message> and each cause, and no stack trace", async () => {
    const run = await runCli(["predict", behaviour("Fails")]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, "");
    assert.equal(
      run.stderr,
      "error: outer problem\n  caused by: inner reason\n  caused by: root cause\n(run with --debug for the stack trace)\n",
    );
  });

  it("prints the stack trace, pointing into the .ts source, with --debug", async () => {
    const run = await runCli(["predict", behaviour("Fails"), "--debug"]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^error: outer problem\n/);
    assert.match(run.stderr, /^\s+at Fails\.predict \(.*behaviour\/predict\.ts:\d+:\d+\)$/m);
  });

  it("a failing setup() exits 1 and predict() never runs", async () => {
    const marker = join(tempDir(), "marker");
    const run = await runCli(["predict", behaviour("SetupFails")], { env: { TSC_COG_TEST_MARKER: marker } });
    assert.equal(run.code, 1);
    assert.equal(run.stderr, "error: setup() failed: weights missing\n(run with --debug for the stack trace)\n");
    assert.doesNotMatch(run.stderr, STACK_LINE);
    assert.equal(readFileSync(marker, "utf8"), "setup\n");
  });

  it("a failing setup() shows its stack with --debug", async () => {
    const run = await runCli(["predict", behaviour("SetupFails"), "--debug"]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^\s+at SetupFails\.setup \(/m);
  });

  it("a predictor that calls process.exit(3) mid-prediction fails with a message naming the code", async () => {
    const run = await runCli(["predict", behaviour("Exits")]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /about to exit\n/);
    assert.match(run.stderr, /^error: the predictor's worker process exited with code 3 before the prediction finished\n/m);
  });

  it("--setup-timeout stops a setup() that takes too long: exit 1, worker gone, predict() never ran", async () => {
    const marker = join(tempDir(), "marker");
    const run = await runCli(["predict", behaviour("SlowSetup"), "--setup-timeout", "1"], {
      env: { TSC_COG_TEST_MARKER: marker },
      timeoutMs: 60_000,
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /^error: setup\(\) did not finish within 1 seconds \(--setup-timeout\)\n/m);
    const pid = Number(/worker pid (\d+)/.exec(run.stderr)?.[1]);
    assert.ok(pid > 0, run.stderr);
    await waitUntil(() => !isAlive(pid), `worker ${pid} to be gone`);
    assert.equal(existsSync(marker), false);
  });
});

describe("Ctrl-C", { concurrency: 3 }, () => {
  it("during a streamed prediction with -o: exit 130, worker gone, no file (not even a temp file)", async () => {
    const dir = tempDir();
    const cli = startCli(["predict", behaviour("Forever"), "-o", join(dir, "out.txt")], { cwd: dir });
    const [, pid] = await cli.waitFor("stderr", /worker pid (\d+)\n/, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a few chunks are collected meanwhile
    cli.child.kill("SIGINT");
    const run = await cli.result;
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /^cancelled: prediction cancelled\n/m);
    assert.equal(run.stdout, "");
    await waitUntil(() => !isAlive(Number(pid)), `worker ${pid} to be gone`);
    assert.deepEqual(readdirSync(dir), []);
  });

  it("from a terminal (SIGINT to the CLI and its worker) while chunks are printed: exit 130 after the chunks so far", async () => {
    const cli = startCli(["predict", behaviour("Forever")], { processGroup: true });
    const [, pid] = await cli.waitFor("stderr", /worker pid (\d+)\n/, 20_000);
    await cli.waitFor("stdout", /chunk 2\n/);
    process.kill(-(cli.child.pid as number), "SIGINT");
    const run = await cli.result;
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stdout, /^chunk 0\nchunk 1\nchunk 2\n/);
    assert.match(run.stderr, /^cancelled: prediction cancelled\n/m);
    assert.doesNotMatch(run.stderr, /^error:/m);
    await waitUntil(() => !isAlive(Number(pid)), `worker ${pid} to be gone`);
  });

  it("while a file output is being copied: exit 130 at once, the half-copied file removed", async (t) => {
    const dir = tempDir();
    const cli = startCli(["predict", behaviour("SlowFile"), "-o", join(dir, "out.txt")], { cwd: dir, timeoutMs: 30_000 });
    const [, workerPid, writerPid] = await cli.waitFor("stderr", /worker pid (\d+) writer pid (\d+)\n/, 20_000);
    t.after(() => {
      if (isAlive(Number(writerPid))) process.kill(-Number(writerPid), "SIGKILL"); // the fixture's helper writes for a minute
    });
    const copying = () => readdirSync(dir).some((name) => name.endsWith(".tmp") && sizeOf(join(dir, name)) > 0);
    await waitUntil(copying, "the copy of the output to start", 20_000);
    cli.child.kill("SIGINT");
    const run = await cli.result;
    assert.equal(run.timedOut, false, "the CLI stopped without waiting for the copy to end");
    assert.equal(run.code, 130, run.stderr);
    assert.deepEqual(readdirSync(dir), []);
    await waitUntil(() => !isAlive(Number(workerPid)), `worker ${workerPid} to be gone`);
  });

  it("if the CLI itself is killed (SIGKILL), its worker does not outlive it", async (t) => {
    const cli = startCli(["predict", behaviour("Forever")]);
    const [, pid] = await cli.waitFor("stderr", /worker pid (\d+)\n/, 20_000);
    t.after(() => {
      if (isAlive(Number(pid))) process.kill(Number(pid), "SIGKILL");
    });
    cli.child.kill("SIGKILL");
    await cli.result;
    await waitUntil(() => !isAlive(Number(pid)), `orphaned worker ${pid} to exit`, 15_000);
  });

  it("during setup(): exit 130, worker gone", async () => {
    const cli = startCli(["predict", behaviour("SlowSetup")]);
    const [, pid] = await cli.waitFor("stderr", /worker pid (\d+)\n/, 20_000);
    cli.child.kill("SIGINT");
    const run = await cli.result;
    assert.equal(run.code, 130, run.stderr);
    assert.equal(run.stderr.split("\n").slice(1).join("\n"), "cancelled: prediction cancelled\n");
    await waitUntil(() => !isAlive(Number(pid)), `worker ${pid} to be gone`);
  });
});
