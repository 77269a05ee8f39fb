// The predictor faults of the CLI suite, through `tsc-cog serve`: each answered with the right status
// and a clear error, never a 5xx or a stack trace in `error`, and the server keeps serving afterwards.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, describe, it } from "node:test";
import { call, predict } from "../server/support/http.js";
import { startServe, stopAll } from "../server/support/serve-process.js";
import { fault, fixturePath, makeProject } from "../support/project.js";

const FAULTS = fixturePath("reliability", "faults");

/** After a fault, one more prediction of the same server must succeed. */
async function stillServes(url: string, input: Record<string, unknown>): Promise<void> {
  const reply = await predict(url, { input });
  assert.equal(reply.status, 200);
  assert.equal(reply.json.status, "succeeded", JSON.stringify(reply.json));
}

describe("tsc-cog serve under predictor faults", { timeout: 240_000 }, () => {
  after(stopAll);

  it("predict() throwing a non-Error (a string, undefined, an object) is a 200 failed with a readable error", async () => {
    const server = await startServe({ cwd: FAULTS, args: [fault("ThrowsNonError")] });
    for (const [kind, expected] of [
      ["string", /predictor threw a non-Error value: /],
      ["undefined", /predictor threw undefined/],
      ["object", /predictor threw a non-Error value: \{/],
    ] as const) {
      const reply = await predict(server.url, { input: { kind } });
      assert.equal(reply.status, 200);
      assert.equal(reply.json.status, "failed");
      assert.match(String(reply.json.error), expected);
      assert.doesNotMatch(String(reply.json.error), /\n\s+at /, "no stack trace in error");
    }
    await server.stop();
  });

  it("an output that cannot be serialised (BigInt, cycle, function) is a 200 failed naming it, and the server keeps serving", async () => {
    const server = await startServe({ cwd: FAULTS, args: [fault("Unserialisable")] });
    for (const kind of ["bigint", "cycle", "function"]) {
      const reply = await predict(server.url, { input: { kind } });
      assert.equal(reply.status, 200);
      assert.equal(reply.json.status, "failed");
      assert.match(String(reply.json.error), /the output cannot be serialised as JSON: output/);
    }
    const health = await call("GET", `${server.url}/health-check`);
    assert.equal(health.json.status, "READY");
    await server.stop();
  });

  it("a 50 MiB string output arrives intact", async () => {
    const server = await startServe({ cwd: FAULTS, args: [fault("HugeOutput")] });
    const reply = await predict(server.url, { input: { mib: 50 } }, { timeoutMs: 120_000 });
    assert.equal(reply.status, 200);
    assert.equal(reply.json.status, "succeeded");
    const output = String(reply.json.output);
    assert.equal(Buffer.byteLength(output), 50 * 1024 * 1024);
    const printed = /sha256 ([0-9a-f]{64})/.exec(String(reply.json.logs))?.[1];
    assert.equal(createHash("sha256").update(output).digest("hex"), printed, "the predictor's own hash of what it returned");
    await server.stop();
  });

  it("invalid UTF-8 and a 10 MiB line in the logs are relayed without a crash (kept up to 8 MiB, visibly cut)", async () => {
    const server = await startServe({ cwd: FAULTS, args: [fault("HostileLogs")] });
    const marker = "\n[tsc-cog: logs truncated at 8 MiB; the rest went to the server's log]\n";
    for (const long of ["stdout", "stderr"]) {
      const reply = await predict(server.url, { input: { long } }, { timeoutMs: 60_000 });
      assert.equal(reply.status, 200);
      assert.equal(reply.json.status, "succeeded", JSON.stringify(reply.json).slice(0, 400));
      const logs = String(reply.json.logs);
      assert.ok(logs.endsWith(marker), "a prediction keeps 8 MiB of logs, then says they were cut");
      assert.ok(Buffer.byteLength(logs) > 8 * 1024 * 1024 - 1024, "the long line is in the logs up to the cut");
      const deadline = Date.now() + 15_000;
      while (!server.stderr().includes(`END-OF-LOGS ${long}`) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 25));
      assert.ok(server.stderr().includes(`END-OF-LOGS ${long}`), "the server's log has the rest");
    }
    await server.stop();
  });

  it("a predictor with a syntax error: SETUP_FAILED with file:line:column, predictions 503, the server stays up", async () => {
    const dir = makeProject(
      {
        "predict.ts":
          'import { BasePredictor } from "@tsc-cog/sdk";\nexport class Predictor extends BasePredictor {\n  async predict(: string) {}\n}\n',
      },
      "tsc-cog-serve-syntax-",
    );
    const server = await startServe({ cwd: dir, args: ["predict.ts"], until: "SETUP_FAILED" });
    const health = await call("GET", `${server.url}/health-check`);
    assert.match(JSON.stringify(health.json), /predict\.ts:3:17/);
    const reply = await predict(server.url, { input: {} });
    assert.equal(reply.status, 503);
    await server.stop();
  });

  it("a missing export and an export that is not a predictor: SETUP_FAILED with the message", async () => {
    const dir = makeProject(
      {
        "predict.ts":
          'import { BasePredictor } from "@tsc-cog/sdk";\nexport const MODES = ["a", "b"];\nexport class Predictor extends BasePredictor {\n  async predict(): Promise<string> {\n    return "ok";\n  }\n}\n',
      },
      "tsc-cog-serve-exports-",
    );
    for (const [target, expected] of [
      ["predict.ts:Predictr", /has no export \\"Predictr\\"; its exports are: Predictor, MODES/],
      ["predict.ts:MODES", /export \\"MODES\\" of predict\.ts is not a predictor class/],
    ] as const) {
      const server = await startServe({ cwd: dir, args: [target], until: "SETUP_FAILED" });
      const health = await call("GET", `${server.url}/health-check`);
      assert.match(JSON.stringify(health.json), expected);
      assert.equal((await predict(server.url, { input: {} })).status, 503);
      await server.stop();
    }
  });

  it("after a rejected request, the next prediction succeeds", async () => {
    const server = await startServe({ cwd: FAULTS, args: [fault("Items")] });
    const bad = await predict(server.url, { input: { items: "not-a-list" } });
    assert.equal(bad.status, 422);
    await stillServes(server.url, { items: ["a", "b"] });
    await server.stop();
  });
});
