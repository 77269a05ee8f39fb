// One worker per concurrency slot: 409 at capacity, BUSY, cancel, a worker that dies mid-prediction
// (process.exit(3), SIGKILL) failing its prediction and being replaced, 503 before setup has finished,
// SETUP_FAILED, and the settings (--concurrency, COG_MAX_CONCURRENCY, PORT).
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runCli, sleep } from "../support/cli.js";
import { serverFixture } from "../support/project.js";
import { tempDir } from "../support/temp.js";
import { call, predict } from "./support/http.js";
import { startServe, stopAll, waitForHealth } from "./support/serve-process.js";
import { WebhookReceiver } from "./support/webhook-receiver.js";

const BASIC = serverFixture("basic");
const DEPLOY = serverFixture("deploy");
const slow = (text: string, ms: number) => ({ input: { text, action: "sleep", sleep_ms: ms } });

describe("tsc-cog serve: workers, capacity and crashes", { timeout: 180_000 }, () => {
  after(stopAll);

  it("at capacity answers 409 and reports BUSY; the slot is free again afterwards", async () => {
    const server = await startServe({ cwd: BASIC });
    const running = predict(server.url, slow("busy", 1500));
    await waitForHealth(server.url, "BUSY", 5000);
    const refused = await predict(server.url, { input: { text: "second" } });
    assert.equal(refused.status, 409);
    assert.deepEqual(refused.json, { error: "At capacity - all prediction slots busy", status: "failed" });
    const first = await running;
    assert.equal(first.json.status, "succeeded");
    await waitForHealth(server.url, "READY", 5000);
    assert.equal((await predict(server.url, { input: { text: "third" } })).json.status, "succeeded");
    await server.stop();
  });

  it("--concurrency 2 runs two predictions at once, each in its own worker", async () => {
    const server = await startServe({ cwd: BASIC, args: ["--concurrency", "2"] });
    const started = Date.now();
    const both = await Promise.all([predict(server.url, slow("a", 1200)), predict(server.url, slow("b", 1200))]);
    assert.deepEqual(
      both.map((reply) => reply.json.status),
      ["succeeded", "succeeded"],
    );
    assert.ok(Date.now() - started < 2300, "they ran side by side");
    const third = [predict(server.url, slow("c", 800)), predict(server.url, slow("d", 800))];
    await waitForHealth(server.url, "BUSY", 5000);
    assert.equal((await predict(server.url, { input: { text: "e" } })).status, 409);
    await Promise.all(third);
    await server.stop();
  });

  it("honours PORT, and COG_MAX_CONCURRENCY as predictions per worker", async () => {
    const server = await startServe({ cwd: BASIC, env: { COG_MAX_CONCURRENCY: "2", PORT: "0" } });
    assert.match(server.stderr(), /\(1 worker, up to 2 predictions each\)/);
    await server.stop();
  });

  it("cancel: the prediction is canceled at once, its overrunning worker replaced, and the next prediction served", async () => {
    const server = await startServe({ cwd: BASIC });
    const receiver = new WebhookReceiver();
    await receiver.start();
    const accepted = await predict(server.url, { ...slow("long", 30_000), id: "to-cancel", webhook: `${receiver.url}/c` }, { async: true });
    assert.equal(accepted.status, 202);
    await receiver.waitFor("/c", (list) => list.length > 0);
    const cancel = await call("POST", `${server.url}/predictions/to-cancel/cancel`);
    assert.equal(cancel.status, 200);
    assert.deepEqual(cancel.json, {});
    const completed = await receiver.completed("/c");
    assert.equal(completed.body.status, "canceled");
    assert.equal((await call("GET", `${server.url}/predictions/to-cancel`)).json.status, "canceled");
    await waitForHealth(server.url, "READY", 20_000);
    assert.match(server.stderr(), /worker process killed by SIGKILL; starting a new one/);
    assert.equal((await predict(server.url, { input: { text: "after" } })).json.status, "succeeded");
    await receiver.close();
    await server.stop();
  });

  it("a sync client that hangs up cancels its prediction", async () => {
    const server = await startServe({ cwd: BASIC });
    await assert.rejects(predict(server.url, { ...slow("hang-up", 30_000), id: "hung-up" }, { timeoutMs: 500 }));
    const deadline = Date.now() + 5000;
    let status = "";
    while (status !== "canceled" && Date.now() < deadline) {
      status = (await call("GET", `${server.url}/predictions/hung-up`)).json.status;
      await sleep(50);
    }
    assert.equal(status, "canceled");
    await server.stop();
  });

  for (const [action, reason] of [
    ["exit", "the predictor's worker process exited with code 3 before the prediction finished"],
    ["kill", "the predictor's worker process was killed by SIGKILL"],
  ]) {
    it(`a worker that dies mid-prediction (${action}) fails it with a clear error and is replaced`, async () => {
      const server = await startServe({ cwd: BASIC });
      const died = await predict(server.url, { input: { text: "doomed", action } });
      assert.equal(died.status, 200);
      assert.equal(died.json.status, "failed");
      assert.equal(died.json.error, reason);
      if (action === "exit") assert.equal(died.json.logs, "about to exit\n");
      await waitForHealth(server.url, "READY", 20_000);
      const next = await predict(server.url, { input: { text: "survivor", action: "print" } });
      assert.equal(next.json.status, "succeeded");
      assert.equal(next.json.logs, "stdout line for survivor\nstderr line for survivor\n");
      await server.stop();
    });
  }

  it("before setup has finished: STARTING, and predictions get 503", async () => {
    const server = await startServe({
      cwd: DEPLOY,
      until: false,
      env: { TSC_COG_SECRET_service_token: "deploy-token-123456", SETUP_MS: "2500" },
    });
    const health = await call("GET", `${server.url}/health-check`);
    assert.equal(health.json.status, "STARTING");
    assert.equal(health.json.setup.status, "starting");
    assert.equal(health.json.setup.completed_at, null);
    const early = await predict(server.url, { input: {} });
    assert.equal(early.status, 503);
    assert.equal(early.json.status, "failed");
    assert.match(early.json.error, /not ready yet/);
    const ready = await waitForHealth(server.url, "READY", 20_000);
    assert.match((ready.setup as { logs: string }).logs, /^setup sees \*{10}\n/);
    assert.equal((await predict(server.url, { input: {} })).status, 200);
    await server.stop();
  });

  it("a setup that throws: SETUP_FAILED with the error in the setup logs, predictions 503", async () => {
    const server = await startServe({
      cwd: DEPLOY,
      until: "SETUP_FAILED",
      env: { TSC_COG_SECRET_service_token: "deploy-token-123456", SETUP_FAIL: "1" },
    });
    const health = await call("GET", `${server.url}/health-check`);
    assert.equal(health.json.setup.status, "failed");
    assert.match(health.json.setup.logs, /Error: cannot reach upstream with \*{10}\n {4}at Predictor\.setup/);
    const refused = await predict(server.url, { input: {} });
    assert.equal(refused.status, 503);
    assert.match(refused.json.error, /setup\(\) failed/);
    await server.stop();
  });

  it("a replacement worker whose setup fails leaves the server DEFUNCT, and predictions get 503", async () => {
    const state = join(tempDir("tsc-cog-serve-defunct-"), "state");
    const server = await startServe({ cwd: BASIC, env: { SETUP_STATE_FILE: state } });
    const died = await predict(server.url, { input: { text: "last", action: "exit" } });
    assert.equal(died.json.status, "failed");
    await waitForHealth(server.url, "DEFUNCT", 20_000);
    const refused = await predict(server.url, { input: { text: "after" } });
    assert.equal(refused.status, 503);
    assert.match(refused.json.error, /worker processes have failed/);
    assert.match(server.stderr(), /the replacement worker failed to start: setup\(\) failed: this predictor sets up only once/);
    await server.stop();
  });

  it("--setup-timeout: a setup that takes too long is stopped and reported as SETUP_FAILED", async () => {
    const server = await startServe({
      cwd: DEPLOY,
      args: ["--setup-timeout", "1"],
      env: { TSC_COG_SECRET_service_token: "deploy-token-123456", SETUP_MS: "20000" },
      until: "SETUP_FAILED",
    });
    const health = await call("GET", `${server.url}/health-check`);
    assert.match(health.json.setup.logs, /setup\(\) did not finish within 1 seconds \(--setup-timeout\)/);
    await server.stop();
  });

  it("bad settings and missing deployment secrets are usage errors before anything starts", async () => {
    const concurrency = await runCli(["serve", "--concurrency", "0"], { cwd: BASIC, timeoutMs: 20_000 });
    assert.equal(concurrency.code, 2);
    assert.match(concurrency.stderr, /--concurrency must be a whole number of at least 1/);
    const fromEnv = await runCli(["serve"], { cwd: BASIC, timeoutMs: 20_000, env: { COG_MAX_CONCURRENCY: "many" } });
    assert.equal(fromEnv.code, 2);
    assert.match(fromEnv.stderr, /COG_MAX_CONCURRENCY must be a whole number/);
    // The clean environment has no TSC_COG_SECRET_* variable; nor is there a store.
    const secret = await runCli(["serve", "--port", "0", "--secrets-dir", "/nonexistent"], {
      cwd: DEPLOY,
      timeoutMs: 20_000,
      env: { XDG_CONFIG_HOME: "/nonexistent-config" },
    });
    assert.equal(secret.code, 2);
    assert.match(secret.stderr, /secret "service_token" not found/);
    assert.doesNotMatch(secret.stderr, /http:\/\//, "it never started listening");
  });
});
