import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { isPath, Path, Secret } from "@tsc-cog/sdk";
import type { PredictionEvent } from "./prediction-run.js";
import { PredictorSession } from "./predictor-session.js";

const CANARY = "tsc-cog-CANARY-core-7f3e9a1b2c";
const HALF = CANARY.length / 2;

// One predictor that does, by its `mode` input, each thing a hostile or careless predictor does.
const PREDICTOR = `
import { execSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { BasePredictor, currentScope, Input, Path, Secret, SecretInput } from "@tsc-cog/sdk";

if (process.env.PRINT_AT_LOAD) console.log("at load:", process.env[process.env.PRINT_AT_LOAD]);

let cached: string | undefined;

export class Predictor extends BasePredictor {
  async setup(): Promise<void> {
    if (process.env.SLOW_SETUP) await new Promise((resolve) => setTimeout(resolve, 10_000));
  }

  async predict(
    @Input({ default: "plain" }) mode: string,
    @SecretInput({ default: null }) token: Secret | null,
  ): Promise<unknown> {
    const value = token?.getSecretValue() ?? cached ?? "";
    if (token) cached = value;
    switch (mode) {
      case "order":
        console.log("printed before returning");
        return "the output";
      case "split":
        process.stdout.write("half on stdout: " + value.slice(0, ${HALF}));
        process.stderr.write(value.slice(${HALF}) + " :half on stderr\\n");
        return "ok";
      case "devices":
        writeFileSync("/dev/stdout", "to /dev/stdout " + value + "\\n");
        execSync("echo from a child process; echo to stderr >&2", { stdio: "inherit" });
        return "ok";
      case "wait":
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 10_000);
          currentScope().signal.addEventListener("abort", () => { clearTimeout(timer); resolve(); });
        });
        console.log("stopped waiting");
        return "stopped";
      case "cached":
        console.log("the cached token is " + cached);
        return "cached " + cached;
      case "late":
        setTimeout(() => { throw new Error("late failure with " + cached); }, 50);
        return "returned";
      case "files":
        writeFileSync("out.txt", "file with " + value);
        writeFileSync(value + ".png", "named after the token");
        return { nested: [{ file: new Path("out.txt") }], named: new Path(value + ".png") };
      default:
        return "plain";
    }
  }
}
`;

let dir: string;

function session(
  env: Record<string, string> = {},
  options: { holdLogs?: boolean; setupTimeoutMs?: number; concurrency?: { max: number; from: string } } = {},
) {
  const started = PredictorSession.start({ ref: join(dir, "predict.ts"), cwd: dir, env: { ...process.env, ...env }, ...options });
  const logs: string[] = [];
  started.onLog((bytes) => logs.push(bytes.toString()));
  return { session: started, logs: () => logs.join("") };
}

async function events(run: AsyncIterable<PredictionEvent>): Promise<PredictionEvent[]> {
  const seen: PredictionEvent[] = [];
  for await (const event of run) seen.push(event);
  return seen;
}

const logText = (seen: PredictionEvent[]) =>
  seen
    .filter((e) => e.type === "log")
    .map((e) => (e as { text: string }).text)
    .join("");

describe("the prediction core", () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsc-cog-core-"));
    writeFileSync(join(dir, "predict.ts"), PREDICTOR);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("delivers what a prediction printed before it returned ahead of its output, every time", async () => {
    const { session: core } = session();
    await core.setup();
    for (let i = 0; i < 25; i++) {
      const seen = await events(core.predict(`p${i}`, { mode: "order", token: null }));
      const types = seen.map((e) => e.type);
      assert.deepEqual(types, ["log", "succeeded"], `run ${i}: ${types.join(",")}`);
      assert.equal(logText(seen), "printed before returning\n");
    }
    await core.stop();
  });

  it("scrubs a secret split between stdout and stderr: one ordered stream, scrubbed as one", async () => {
    const { session: core, logs } = session();
    await core.setup();
    const seen = await events(core.predict("p", { mode: "split", token: new Secret(CANARY) }));
    assert.equal(logText(seen), "half on stdout: ********** :half on stderr\n");
    await core.stop();
    await core.closeLogs();
    assert.ok(!logs().includes(CANARY), "nor in the worker's whole log");
  });

  it("lets the predictor and its child processes write to /dev/stdout and /dev/stderr, scrubbed", async () => {
    const { session: core } = session();
    await core.setup();
    const seen = await events(core.predict("p", { mode: "devices", token: new Secret(CANARY) }));
    assert.equal(seen.at(-1)?.type, "succeeded", JSON.stringify(seen));
    assert.equal(logText(seen), "to /dev/stdout **********\nfrom a child process\nto stderr\n");
    await core.stop();
  });

  it("holds what the module prints while it loads until the run's secrets are registered", async () => {
    const { session: core, logs } = session({ PRINT_AT_LOAD: "THE_TOKEN", THE_TOKEN: CANARY }, { holdLogs: true });
    await core.load();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(logs(), "", "nothing is released before arm()");
    core.registerSecrets({ token: new Secret(CANARY) }, "token");
    core.arm();
    await core.setup();
    assert.equal(logs(), "at load: **********\n");
    await core.stop();
  });

  it("keeps a caller's secret redacted in every later prediction of the worker", async () => {
    const { session: core } = session();
    await core.setup();
    await events(core.predict("first", { mode: "plain", token: new Secret(CANARY) }));
    for (let i = 0; i < 300; i++) await events(core.predict(`other${i}`, { mode: "plain", token: new Secret(`other-secret-${i}-xyz`) }));
    const seen = await events(core.predict("last", { mode: "cached", token: null }));
    assert.deepEqual(seen.at(-1), { type: "succeeded", value: "cached **********", streamed: false, metrics: {} });
    assert.equal(logText(seen), "the cached token is **********\n");
    assert.equal(core.secretCount, 301);
    await core.stop();
  });

  it("reports an error thrown after the prediction returned, and the worker goes on serving", async () => {
    const { session: core } = session();
    await core.setup();
    const late = new Promise<string>((resolve) => core.onLateError((failure) => resolve(failure.message)));
    await events(core.predict("p", { mode: "late", token: new Secret(CANARY) }));
    assert.equal(await late, "late failure with **********");
    const seen = await events(core.predict("q", { mode: "plain", token: null }));
    assert.deepEqual(seen.at(-1), { type: "succeeded", value: "plain", streamed: false, metrics: {} });
    await core.stop();
  });

  it("returns files at any depth as Paths, for the caller to write", async () => {
    const { session: core } = session();
    await core.setup();
    const seen = await events(core.predict("p", { mode: "files", token: new Secret(CANARY) }));
    const outcome = seen.at(-1) as { type: string; value: { nested: [{ file: Path }]; named: Path } };
    assert.equal(outcome.type, "succeeded");
    assert.ok(isPath(outcome.value.nested[0].file));
    assert.ok(isPath(outcome.value.named));
    await core.stop();
  });

  it("runs several predictions at once when asked, each one's logs its own and scrubbed as one stream", async () => {
    const { session: core, logs } = session({}, { concurrency: { max: 3, from: "the test" } });
    await core.setup();
    assert.equal(core.capacity, 3);
    const tokens = [0, 1, 2].map((i) => `${CANARY}-${i}`);
    const runs = tokens.map((token, i) => core.predict(`p${i}`, { mode: "split", token: new Secret(token) }));
    assert.equal(core.inFlight, 3);
    assert.throws(() => core.predict("p3", { mode: "plain", token: null }), /already runs 3 prediction\(s\), its capacity/);
    for (const seen of await Promise.all(runs.map(events))) {
      assert.equal(logText(seen), "half on stdout: ********** :half on stderr\n");
      assert.equal(seen.at(-1)?.type, "succeeded");
    }
    // The predictor caches the last token it saw: printed in another prediction, it is still masked.
    const cached = await events(core.predict("q", { mode: "cached", token: null }));
    assert.equal(logText(cached), "the cached token is **********\n");
    await core.stop();
    await core.closeLogs();
    for (const token of tokens) assert.ok(!logs().includes(token.slice(-20)));
  });

  it("cancels one of several without killing the worker; its signal aborts and the others go on", async () => {
    const { session: core } = session({}, { concurrency: { max: 2, from: "the test" } });
    await core.setup();
    const doomed = core.predict("doomed", { mode: "wait", token: null });
    const other = core.predict("other", { mode: "order", token: null });
    const doomedEvents = events(doomed);
    await doomed.cancel(0);
    assert.deepEqual((await doomedEvents).at(-1), { type: "canceled" });
    assert.deepEqual((await events(other)).at(-1), { type: "succeeded", value: "the output", streamed: false, metrics: {} });
    await doomed.settled;
    assert.equal(core.hasExited, false);
    assert.equal(core.inFlight, 0);
    await core.stop();
  });

  it("lets a lone prediction that honours its signal end within the grace, keeping the worker", async () => {
    const { session: core } = session();
    await core.setup();
    const run = core.predict("p", { mode: "wait", token: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await run.cancel(5000);
    assert.equal(core.hasExited, false);
    const seen = await events(core.predict("q", { mode: "plain", token: null }));
    assert.equal(seen.at(-1)?.type, "succeeded");
    await core.stop();
  });

  it("fails setup when asked to run several at once with a sync predict(), naming the setting", async () => {
    const syncDir = mkdtempSync(join(tmpdir(), "tsc-cog-core-sync-"));
    writeFileSync(
      join(syncDir, "predict.ts"),
      'import { BasePredictor } from "@tsc-cog/sdk";\nexport class Predictor extends BasePredictor {\n  predict(): string {\n    return "x";\n  }\n}\n',
    );
    const core = PredictorSession.start({
      ref: join(syncDir, "predict.ts"),
      cwd: syncDir,
      env: process.env,
      concurrency: { max: 2, from: "COG_MAX_CONCURRENCY=2" },
    });
    await assert.rejects(core.setup(), {
      stage: "setup",
      message:
        "COG_MAX_CONCURRENCY=2 asks for 2 predictions at once, which needs an async predict(): declare it `async predict(...)`, or use worker processes (tsc-cog serve --concurrency) instead",
    });
    rmSync(syncDir, { recursive: true, force: true });
  });

  it("words a setup that overruns its timeout, and kills the worker", async () => {
    const { session: core } = session({ SLOW_SETUP: "1" }, { setupTimeoutMs: 300 });
    await assert.rejects(core.setup(), {
      code: "PREDICTOR_FAILED",
      stage: "setup",
      message: "setup() did not finish within 0.3 seconds (--setup-timeout)",
    });
    await core.exited;
  });

  it("words a predictor that cannot load", async () => {
    const bad = mkdtempSync(join(tmpdir(), "tsc-cog-core-bad-"));
    writeFileSync(join(bad, "predict.ts"), "export const nothing = 1;\n");
    const core = PredictorSession.start({ ref: join(bad, "predict.ts"), cwd: bad, env: process.env });
    await assert.rejects(core.load(), (error: Error & { stage?: string }) => {
      assert.equal(error.stage, "load");
      assert.match(error.message, /^failed to load the predictor: /);
      return true;
    });
    rmSync(bad, { recursive: true, force: true });
  });
});
