// `tsc-cog predict --url`: the CLI's inputs and presentation, the prediction run by a real `tsc-cog serve`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type ServeProcess, startServe, stopAll } from "../server/support/serve-process.js";
import { assertNoLeaks, CANARY } from "../support/canary.js";
import { assertNoStack, runCli } from "../support/cli.js";
import { EXAMPLES, serverFixture } from "../support/project.js";
import { tempDir, writeFiles } from "../support/temp.js";

const SIGNER = join(EXAMPLES, "secret-signer");

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("tsc-cog predict --url", { timeout: 180_000 }, () => {
  let signer: ServeProcess;
  let basic: ServeProcess;
  let files: ServeProcess;

  before(async () => {
    [signer, basic, files] = await Promise.all([
      startServe({ cwd: SIGNER }),
      startServe({ cwd: serverFixture("basic") }),
      startServe({ cwd: serverFixture("files") }),
    ]);
  });
  after(stopAll);

  it("prints what a local run prints for a secret given as env:NAME, and the secret nowhere", async () => {
    const args = ["-i", "text=hello", "-i", "key=env:SIGNING_KEY"];
    const options = { cwd: SIGNER, env: { SIGNING_KEY: CANARY } };
    const [remote, local] = await Promise.all([
      runCli(["predict", "--url", signer.url, ...args], options),
      runCli(["predict", ...args], options),
    ]);
    assert.equal(remote.code, 0, remote.stderr);
    assert.equal(local.code, 0, local.stderr);
    assert.equal(remote.stdout, local.stdout);
    assert.match(remote.stdout, /^hello\.[0-9a-f]{64}\n$/);
    // The predictor's careless debug line reaches stderr, with the key scrubbed.
    assert.match(remote.stderr, /signing 5 characters with key \*{10}/);
    assertNoLeaks({ stdout: remote.stdout, stderr: remote.stderr, server: signer.stderr() }, [CANARY]);
  });

  it("reads a secret from stdin with -", async () => {
    const run = await runCli(["predict", "--url", signer.url, "-i", "text=hello", "-i", "key=-"], { stdin: `${CANARY}\n` });
    const local = await runCli(["predict", "-i", "text=hello", "-i", "key=env:K"], { cwd: SIGNER, env: { K: CANARY } });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, local.stdout);
    assertNoLeaks({ stdout: run.stdout, stderr: run.stderr }, [CANARY]);
  });

  it("--json prints the prediction envelope, the secret input masked", async () => {
    const run = await runCli(["predict", "--url", signer.url, "--json", '{"text":"hello","key":"env:SIGNING_KEY"}'], {
      env: { SIGNING_KEY: CANARY },
    });
    assert.equal(run.code, 0, run.stderr);
    const envelope = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(envelope), ["status", "input", "output", "error", "logs", "metrics"]);
    assert.equal(envelope.status, "succeeded");
    assert.deepEqual(envelope.input, { text: "hello", key: "**********", encoding: "hex" });
    assert.match(String(envelope.output), /^hello\.[0-9a-f]{64}$/);
    assert.equal(envelope.error, null);
    assert.match(String(envelope.logs), /with key \*{10}/);
    assert.equal(typeof (envelope.metrics as { predict_time?: unknown }).predict_time, "number");
    assertNoLeaks({ stdout: run.stdout, stderr: run.stderr }, [CANARY]);
  });

  it("sends an @file input and writes the returned file as output.<ext>", async () => {
    const dir = writeFiles(tempDir(), { "notes.txt": "hello file" });
    const run = await runCli(["predict", "--url", files.url, "-i", "document=@notes.txt"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const written = join(dir, "output.txt");
    assert.match(run.stderr, new RegExp(`Written output to: ${written.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    assert.match(readFileSync(written, "utf8"), /:10:HELLO FILE:extras=$/);
  });

  it("writes the output where -o says", async () => {
    const dir = writeFiles(tempDir(), { "notes.txt": "abc" });
    const run = await runCli(["predict", "--url", files.url, "-i", "document=@notes.txt", "-o", "result.txt"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(readFileSync(join(dir, "result.txt"), "utf8"), /:3:ABC:extras=$/);
  });

  it("exits 2 with the server's message for an invalid input (422)", async () => {
    const run = await runCli(["predict", "--url", basic.url, "-i", "text=hi", "-i", "count=9"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /error: invalid input "count": number must be at most 5/);
    assert.equal(run.stdout, "");
  });

  it("exits 2 for a missing required input, named as a local run names it", async () => {
    const run = await runCli(["predict", "--url", basic.url, "-i", "count=2"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /missing required input "text"/);
  });

  it("exits 2 for an unknown input before anything is sent", async () => {
    const run = await runCli(["predict", "--url", basic.url, "-i", "text=hi", "-i", "nope=1"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /unknown input "nope"; valid inputs are: /);
  });

  it("exits 1 with the error for a failing prediction, its stack trace only with --debug", async () => {
    const run = await runCli(["predict", "--url", basic.url, "-i", "text=hi", "-i", "action=fail"]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /error: asked to fail with hi/);
    assertNoStack(run.stderr);
    const debug = await runCli(["--debug", "predict", "--url", basic.url, "-i", "text=hi", "-i", "action=fail"]);
    assert.equal(debug.code, 1, debug.stderr);
    assert.match(debug.stderr, /\n\s+at /);
  });

  it("--json shows a secret input as ********** in the envelope the server echoed", async () => {
    const token = "tsc-cog-CANARY-token-7a6b5c4d";
    const run = await runCli(["predict", "--url", basic.url, "--json", '{"text":"hi","action":"print","token":"env:T"}'], {
      env: { T: token },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { input: { token: string } }).input.token, "**********");
    assertNoLeaks({ stdout: run.stdout, stderr: run.stderr }, [token]);
  });

  it("exits 2 while the server's setup() is still running, and when it failed", async () => {
    const env = { TSC_COG_SECRET_service_token: CANARY };
    const [starting, failed] = await Promise.all([
      startServe({ cwd: serverFixture("deploy"), env: { ...env, SETUP_MS: "120000" }, until: "STARTING" }),
      startServe({ cwd: serverFixture("deploy"), env: { ...env, SETUP_FAIL: "1" }, until: "SETUP_FAILED" }),
    ]);
    const [early, broken] = await Promise.all([runCli(["predict", "--url", starting.url]), runCli(["predict", "--url", failed.url])]);
    await Promise.all([starting.stop(5000), failed.stop(5000)]);
    assert.equal(early.code, 2, early.stderr);
    assert.match(
      early.stderr,
      new RegExp(`error: the server at ${starting.url} is not ready: STARTING \\(setup\\(\\) is still running\\)`),
    );
    assert.equal(broken.code, 2, broken.stderr);
    assert.match(broken.stderr, /is not ready: SETUP_FAILED \(setup\(\) failed; see the server's log\)/);
    assertNoLeaks({ early: early.stderr, broken: broken.stderr }, [CANARY]);
  });

  it("exits 2 when no server is listening at the URL", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runCli(["predict", "--url", url, "-i", "text=hi"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, new RegExp(`error: cannot reach tsc-cog serve at ${url}: connection refused`));
    assertNoStack(run.stderr);
  });
});
