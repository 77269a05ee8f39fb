// Faults of the predictor itself, through the built CLI: setup throws, predict throws something that
// is not an Error, returns what JSON cannot carry, or its worker is killed. Each is exit 1 with a
// clear message, no stack trace unless --debug, and nothing written to stdout or the working folder.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { describe, it } from "node:test";
import { assertNoStack, assertStack, isAlive, runCli, startCli, waitUntil } from "../support/cli.js";
import { fault, markedSteps, newMarker } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const HINT = "(run with --debug for the stack trace)\n";
const PLAIN_DATA = "return plain data (strings, numbers, booleans, arrays, objects, Path)";

describe("a predictor that fails", { concurrency: 4 }, () => {
  it("setup() throwing stops before predict: exit 1, the message, a hint, no stack trace", async () => {
    const marker = newMarker();
    const cwd = tempDir();
    const run = await runCli(["predict", fault("SetupThrows")], { cwd, env: { TSC_COG_TEST_MARKER: marker } });
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `error: setup() failed: weights not found at /models/missing.bin\n${HINT}`);
    assert.equal(run.stdout, "");
    assert.deepEqual(markedSteps(marker), ["loaded", "setup"]);
    assert.deepEqual(readdirSync(cwd), [], "nothing written to the working folder");
  });

  it("setup() throwing shows the stack trace with --debug, pointing at the predictor's source", async () => {
    const run = await runCli(["predict", fault("SetupThrows"), "--debug"]);
    assert.equal(run.code, 1);
    assertStack(run.stderr);
    assert.match(run.stderr, /at SetupThrows\.setup \(.*faults\/predict\.ts:\d+:\d+\)/);
  });

  const nonErrors: ReadonlyArray<readonly [string, string]> = [
    ["string", "predictor threw a non-Error value: the model is tired"],
    ["undefined", "predictor threw undefined"],
    ["object", 'predictor threw a non-Error value: {"reason":"out of tokens","retry":false}'],
    ["null", "predictor threw a non-Error value: null"],
    ["number", "predictor threw a non-Error value: 42"],
  ];
  for (const [kind, message] of nonErrors) {
    it(`predict() throwing ${kind === "object" ? "a plain object" : kind} is exit 1 with a readable message`, async () => {
      const run = await runCli(["predict", fault("ThrowsNonError"), "-i", `kind=${kind}`]);
      assert.equal(run.code, 1);
      assert.equal(run.stderr, `error: ${message}\n`);
      assert.equal(run.stdout, "");
    });
  }

  it("predict() throwing a non-Error in --json mode prints the failed envelope, then exits 1", async () => {
    const run = await runCli(["predict", fault("ThrowsNonError"), "--json", '{"kind":"string"}']);
    assert.equal(run.code, 1);
    const envelope = JSON.parse(run.stdout);
    assert.equal(envelope.status, "failed");
    assert.equal(envelope.error, "predictor threw a non-Error value: the model is tired");
    assert.equal(envelope.output, null);
    assert.equal(run.stderr, "error: predictor threw a non-Error value: the model is tired\n");
  });
});

describe("an output that cannot be serialised", { concurrency: 4 }, () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ["bigint", "output is a BigInt"],
    ["nested-bigint", "output.scores[2] is a BigInt"],
    ["cycle", "output.children[0] refers back to itself (a cycle)"],
    ["function", "output is a function"],
    ["symbol", "output is a symbol"],
  ];
  for (const [kind, where] of cases) {
    it(`${kind}: exit 1 naming where the bad value is, nothing on stdout, no stack trace`, async () => {
      const cwd = tempDir();
      const run = await runCli(["predict", fault("Unserialisable"), "-i", `kind=${kind}`], { cwd });
      assert.equal(run.code, 1);
      assert.equal(run.stderr, `error: the output cannot be serialised as JSON: ${where}; ${PLAIN_DATA}\n${HINT}`);
      assert.equal(run.stdout, "");
      assertNoStack(run.stderr);
      assert.deepEqual(readdirSync(cwd), []);
    });
  }

  it("a streamed item that cannot be serialised fails the prediction after the items before it, naming the item", async () => {
    const run = await runCli(["predict", fault("StreamUnserialisable")]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '{"ok":1}\n');
    assert.equal(run.stderr, `error: the output cannot be serialised as JSON: output[1].bad is a BigInt; ${PLAIN_DATA}\n${HINT}`);
  });

  it("with -o FILE, a failed output leaves no file and no temp file behind", async () => {
    const dir = tempDir();
    const run = await runCli(["predict", fault("Unserialisable"), "-i", "kind=cycle", "-o", "out.json"], { cwd: dir });
    assert.equal(run.code, 1);
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe("a worker killed mid-prediction", () => {
  it("SIGKILL to the worker fails the prediction: exit 1 naming the signal, no stack trace", async () => {
    const cli = startCli(["predict", fault("Hangs")]);
    const pid = Number((await cli.waitFor("stderr", /worker pid (\d+)/, 30_000))[1]);
    process.kill(pid, "SIGKILL");
    const run = await cli.result;
    assert.equal(run.code, 1);
    assert.match(run.stderr, /\nerror: the predictor's worker process was killed by SIGKILL\n$/);
    assertNoStack(run.stderr);
    await waitUntil(() => !isAlive(pid), "the worker to be gone", 10_000);
  });
});
