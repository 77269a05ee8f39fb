import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { PredictionEvent } from "./prediction-run.js";
import { PredictorSession } from "./predictor-session.js";

const CANARY = "tsc-cog-CANARY-scope-core-5d1e";

// currentScope() as the core gives it to a predictor: context and metrics, and the optional healthcheck().
const PREDICTOR = `
import { BasePredictor, currentScope, Input } from "@tsc-cog/sdk";

let healthy: unknown = true;

export class Predictor extends BasePredictor {
  healthcheck(): unknown {
    if (healthy instanceof Error) throw healthy;
    return healthy;
  }

  async predict(@Input({ default: "metrics" }) mode: string): Promise<string> {
    const token = currentScope().context.token ?? "";
    if (mode === "health-false") healthy = false;
    if (mode === "health-throw") healthy = new Error("down, token " + token);
    console.log("token in a log: " + token);
    await new Promise((resolve) => setTimeout(resolve, 1));
    currentScope().recordMetric("seen." + mode, token);
    this.recordMetric("count", 1, "incr");
    if (mode === "fail") throw new Error("failed with " + token);
    return "token " + token;
  }
}
`;

let dir: string;

async function events(run: AsyncIterable<PredictionEvent>): Promise<PredictionEvent[]> {
  const seen: PredictionEvent[] = [];
  for await (const event of run) seen.push(event);
  return seen;
}

describe("the prediction core: currentScope() and healthcheck()", () => {
  let core: PredictorSession;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "tsc-cog-scope-"));
    writeFileSync(join(dir, "predict.ts"), PREDICTOR);
    core = PredictorSession.start({ ref: join(dir, "predict.ts"), cwd: dir, env: process.env });
    await core.setup();
  });
  after(async () => {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives the context to predict(), registered as a secret: logs, output, metrics and errors are redacted", async () => {
    const seen = await events(core.predict("p1", { mode: "metrics" }, { context: { token: CANARY } }));
    const log = seen.find((e) => e.type === "log");
    assert.equal(log?.type === "log" && log.text, "token in a log: **********\n");
    const end = seen.at(-1);
    assert.equal(end?.type, "succeeded");
    if (end?.type !== "succeeded") return;
    assert.equal(end.value, "token **********");
    assert.deepEqual(end.metrics, { seen: { metrics: "**********" }, count: 1 });
    const failed = (await events(core.predict("p2", { mode: "fail" }, { context: { token: CANARY } }))).at(-1);
    assert.equal(failed?.type, "failed");
    if (failed?.type !== "failed") return;
    assert.equal(failed.error.message.includes(CANARY), false);
    assert.match(failed.error.message, /failed with \*{10}/);
    assert.deepEqual(failed.metrics, { seen: { fail: "**********" }, count: 1 }, "metrics are per prediction, kept on failure");
  });

  it("gives each prediction only its own context", async () => {
    const end = (await events(core.predict("p3", { mode: "metrics" }))).at(-1);
    assert.equal(end?.type === "succeeded" && end.value, "token ");
  });

  it("runs healthcheck(): healthy, false and a redacted throw, with Cog's messages", async () => {
    assert.deepEqual(await core.healthcheck(), { ok: true });
    await events(core.predict("p4", { mode: "health-false" }));
    assert.deepEqual(await core.healthcheck(), { ok: false, reason: "Healthcheck failed: user-defined healthcheck returned False" });
    await events(core.predict("p5", { mode: "health-throw" }, { context: { token: CANARY } }));
    const [first, second] = await Promise.all([core.healthcheck(), core.healthcheck()]);
    assert.equal(first, second, "concurrent calls share one check");
    assert.deepEqual(first, { ok: false, reason: "Healthcheck failed: Error: down, token **********" });
  });
});
