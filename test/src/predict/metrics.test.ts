// `tsc-cog predict --json` carries what the predictor recorded with currentScope().recordMetric.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "../support/cli.js";
import { serverFixture } from "../support/project.js";

const API_KEY = "tsc-cog-CANARY-cli-metrics-key";

describe("tsc-cog predict --json: metrics", { timeout: 60_000 }, () => {
  it("puts the recorded metrics beside predict_time in the envelope, redacted", async () => {
    const run = await runCli(["predict", "--json", '{"action":"metrics"}'], {
      cwd: serverFixture("scope"),
      env: { TSC_COG_SECRET_api_key: API_KEY },
    });
    assert.equal(run.code, 0, run.stderr);
    const envelope = JSON.parse(run.stdout);
    const { predict_time, ...metrics } = envelope.metrics;
    assert.equal(typeof predict_time, "number");
    assert.deepEqual(metrics, { tokens: 4, calls: 3, steps: ["load", "run"], timing: { load: 0.25 }, echo: "key **********" });
    assert.ok(!run.stdout.includes(API_KEY) && !run.stderr.includes(API_KEY));
  });

  it("keeps the metrics recorded before a bad metric name failed the prediction", async () => {
    const run = await runCli(["predict", "--json", '{"action":"bad-metric"}'], {
      cwd: serverFixture("scope"),
      env: { TSC_COG_SECRET_api_key: API_KEY },
    });
    assert.equal(run.code, 1);
    const envelope = JSON.parse(run.stdout);
    assert.equal(envelope.status, "failed");
    assert.match(envelope.error, /the 'cog\.' prefix is reserved for system metrics/);
    assert.equal(envelope.metrics.kept, 1);
  });
});
