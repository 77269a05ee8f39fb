// currentScope() and healthcheck() through the built server: metrics in responses and webhooks, the
// request context (a secret of its prediction: readable, redacted, never echoed), and GET /health-check
// running the predictor's own healthcheck.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { serverFixture } from "../support/project.js";
import { call, predict, type Reply } from "./support/http.js";
import { type ServeProcess, startServe, stopAll } from "./support/serve-process.js";
import { WebhookReceiver } from "./support/webhook-receiver.js";

const API_KEY = "tsc-cog-CANARY-scope-api-key";
const CONTEXT_TOKEN = "tsc-cog-CANARY-context-token";
const MASK = "**********";
const healthFile = join(mkdtempSync(join(tmpdir(), "tsc-cog-health-")), "mode");
const receiver = new WebhookReceiver();
let server: ServeProcess;
let hanging: ServeProcess;
/** A probe of the server whose healthcheck takes 6 s, started early so that its 5 s run beside the other tests. */
let hangingProbe: Promise<Reply>;

const health = (mode: string) => {
  writeFileSync(healthFile, mode);
  return call("GET", `${server.url}/health-check`);
};
const calls = () => Number(readFileSync(`${healthFile}.count`, "utf8"));

describe("tsc-cog serve: metrics, context and health checks", { timeout: 120_000 }, () => {
  before(async () => {
    await receiver.start();
    const env = { TSC_COG_SECRET_api_key: API_KEY };
    [server, hanging] = await Promise.all([
      startServe({ cwd: serverFixture("scope"), env: { ...env, HEALTH_FILE: healthFile } }),
      startServe({ cwd: serverFixture("scope"), env: { ...env, HEALTH_MODE: "hang" }, until: false }),
    ]);
    // Its health check would never say READY: a prediction that is accepted says setup is done.
    for (let i = 0; i < 400 && (await predict(hanging.url, { input: {} }).catch(() => undefined))?.status !== 200; i++) await sleepMs(50);
    hangingProbe = call("GET", `${hanging.url}/health-check`);
  });
  after(async () => {
    await stopAll();
    await receiver.close();
  });

  it("records metrics in every mode beside predict_time, redacted like outputs", async () => {
    const reply = await predict(server.url, { input: { action: "metrics" } });
    assert.equal(reply.status, 200);
    assert.equal(reply.json.status, "succeeded");
    const { predict_time, ...metrics } = reply.json.metrics;
    assert.equal(typeof predict_time, "number");
    assert.deepEqual(metrics, { tokens: 4, calls: 3, steps: ["load", "run"], timing: { load: 0.25 }, echo: `key ${MASK}` });
    assert.ok(!reply.text.includes(API_KEY));
  });

  it("sends the metrics in the completed webhook", async () => {
    const reply = await predict(server.url, { input: { action: "metrics" }, webhook: `${receiver.url}/metrics` }, { async: true });
    assert.equal(reply.status, 202);
    const completed = await receiver.completed("/metrics");
    assert.equal(completed.body.metrics.calls, 3);
    assert.deepEqual(completed.body.metrics.steps, ["load", "run"]);
    assert.equal(completed.body.metrics.echo, `key ${MASK}`);
    assert.equal(typeof completed.body.metrics.predict_time, "number");
  });

  it("fails the prediction on a bad metric name, with Cog's message, keeping what was recorded before", async () => {
    const reply = await predict(server.url, { input: { action: "bad-metric" } });
    assert.equal(reply.json.status, "failed");
    assert.match(reply.json.error, /the 'cog\.' prefix is reserved for system metrics/);
    assert.equal(reply.json.metrics.kept, 1);
  });

  it("gives the predictor the request context, redacted wherever it shows, and never echoes it", async () => {
    const reply = await predict(server.url, { input: { action: "context" }, context: { api_token: CONTEXT_TOKEN, region: "eu-west-9" } });
    assert.equal(reply.json.status, "succeeded");
    assert.equal(reply.json.output, `token=${MASK} keys=api_token,region setup={}`);
    assert.match(reply.json.logs, /context token: \*{10}/);
    assert.ok(!reply.text.includes(CONTEXT_TOKEN), "the token is nowhere in the response");
    assert.ok(!reply.text.includes("eu-west-9"), "every context value is a secret");
    assert.equal(reply.json.context, undefined, "the context is not echoed");
    assert.ok(!server.stderr().includes(CONTEXT_TOKEN), "nor in the server's log");
  });

  it("redacts a context value from an error and its webhook", async () => {
    const reply = await predict(
      server.url,
      { input: { action: "context-fail" }, context: { api_token: CONTEXT_TOKEN }, webhook: `${receiver.url}/context` },
      { async: true },
    );
    assert.equal(reply.status, 202);
    const completed = await receiver.completed("/context");
    assert.equal(completed.body.status, "failed");
    assert.match(completed.body.error, /rejected \*{10}/);
    assert.ok(!JSON.stringify(receiver.to("/context").map((d) => d.body)).includes(CONTEXT_TOKEN));
    assert.ok(!server.stderr().includes(CONTEXT_TOKEN));
  });

  it("refuses a context that is not a map of strings with 422", async () => {
    const reply = await predict(server.url, { input: {}, context: { n: 5 } });
    assert.equal(reply.status, 422);
    assert.deepEqual(reply.json.detail[0].loc, ["body", "context"]);
  });

  it("health-check: READY while the predictor's healthcheck passes", async () => {
    const reply = await health("ok");
    assert.equal(reply.json.status, "READY");
    assert.equal(reply.json.user_healthcheck_error, undefined);
  });

  it("health-check: UNHEALTHY with Cog's message when it returns false, READY again at the next passing probe", async () => {
    const reply = await health("false");
    assert.equal(reply.status, 200);
    assert.equal(reply.json.status, "UNHEALTHY");
    assert.equal(reply.json.user_healthcheck_error, "Healthcheck failed: user-defined healthcheck returned False");
    assert.equal(reply.json.setup.status, "succeeded");
    assert.equal((await health("ok")).json.status, "READY");
    const prediction = await predict(server.url, { input: { action: "metrics" } });
    assert.equal(prediction.json.status, "succeeded", "UNHEALTHY does not block predictions");
  });

  it("health-check: a throw is UNHEALTHY with its type and message, the secret in it masked", async () => {
    const reply = await health("throw");
    assert.equal(reply.json.status, "UNHEALTHY");
    assert.equal(reply.json.user_healthcheck_error, `Healthcheck failed: TypeError: cannot reach the service with ${MASK}`);
    assert.ok(!reply.text.includes(API_KEY));
  });

  it("health-check: concurrent probes share one healthcheck call", async () => {
    writeFileSync(`${healthFile}.count`, "0");
    // Three probes while one 2.5 s healthcheck runs: they share it. (On a loaded 2-core machine a probe
    // can reach the server late, so "fewer calls than probes" is what is asserted, not exactly one.)
    const replies = await Promise.all([health("slow"), health("slow"), health("slow")]);
    assert.deepEqual(
      replies.map((r) => r.json.status),
      ["READY", "READY", "READY"],
    );
    assert.ok(calls() < 3, `${calls()} healthcheck calls for 3 concurrent probes`);
  });

  it("health-check: runs alongside a prediction and says BUSY when it passes", async () => {
    const running = predict(server.url, { input: { action: "sleep" } });
    await sleepMs(400);
    const reply = await health("ok");
    assert.equal(reply.json.status, "BUSY");
    assert.equal((await running).json.output, "slept");
  });

  it("health-check: a healthcheck slower than 5 s is UNHEALTHY with Cog's timeout message", async () => {
    const reply = await hangingProbe;
    assert.equal(reply.json.status, "UNHEALTHY");
    assert.equal(reply.json.user_healthcheck_error, "Healthcheck failed: user-defined healthcheck timed out after 5.0 seconds");
  });
});

function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
