// The leak suite for deployment secrets: a hostile predictor prints, throws, returns and writes the
// deployment secret in setup() and in predict(); neither the value nor any encoded form of it may
// appear in stdout, stderr, the --json envelope or any file tsc-cog writes.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { assertNoLeaks, textsUnder } from "../support/canary.js";
import { type CliResult, homeEnv, runCli } from "../support/cli.js";
import { copyFixture } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const CANARY = 'tsc-cog-CANARY-deploy-7a6b5c4d+/=&?"\\é';

/** A fresh project with the canary supplied from `source`; the secret's own file lives outside it. */
function project(source: "file" | "env" | "store") {
  const dir = copyFixture("secrets", "leaky-deploy");
  const outside = tempDir("tsc-cog-outside-");
  const secretsDir = join(outside, "secrets");
  const predictorTmp = join(outside, "predictor-tmp");
  mkdirSync(secretsDir);
  mkdirSync(predictorTmp);
  const env = homeEnv(join(outside, "home"), { LEAK_TMP: predictorTmp });
  if (source === "file") writeFileSync(join(secretsDir, "signing_key"), `${CANARY}\n`);
  if (source === "env") env.TSC_COG_SECRET_signing_key = CANARY;
  if (source === "store") {
    const store = join(env.XDG_CONFIG_HOME, "tsc-cog", "secrets");
    mkdirSync(store, { recursive: true, mode: 0o700 });
    writeFileSync(join(store, "signing_key"), CANARY, { mode: 0o600 });
  }
  return { dir, env, args: ["predict", "--secrets-dir", secretsDir] };
}

/** Fails naming each egress (stdout, stderr, a file under `dir`) and form where the canary shows up. */
function assertNoLeak(label: string, run: CliResult, dir: string): void {
  assertNoLeaks({ stdout: run.stdout, stderr: run.stderr, ...textsUnder(dir) }, [CANARY], label);
}

/** The inputs as `-i name=value` flags, or as one `--json` object (which also selects the envelope output). */
function inputs(json: boolean, values: Record<string, string>): string[] {
  if (json) return ["--json", JSON.stringify(values)];
  return Object.entries(values).flatMap(([name, value]) => ["-i", `${name}=${value}`]);
}

const SETUP_MODES: [mode: string, exit: number][] = [
  ["console-log", 0],
  ["stderr-write", 0],
  ["split-write", 0],
  ["json", 0],
  ["inspect", 0],
  ["base64", 0],
  ["url-encoded", 0],
  ["secrets-object", 0],
  ["env-dump", 0],
  ["throw", 1],
  ["throw-cause", 1],
  ["exit", 1],
];

const PREDICT_MODES: [mode: string, exit: number][] = [
  ["console-log", 0],
  ["split-write", 0],
  ["throw", 1],
  ["return", 0],
  ["return-nested", 0],
  ["return-key", 0],
  ["return-json-text", 0],
  ["path", 0],
];

describe("deployment secrets never leak", { concurrency: 2 }, () => {
  test("the predictor does receive the canary (so the runs below prove something)", async () => {
    const { dir, env, args } = project("file");
    const run = await runCli([...args, "-i", "mode=length"], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `length=${[...CANARY].length}\n`);
  });

  test("the search finds what redaction documents it cannot catch (a reversed value)", async () => {
    const { dir, env, args } = project("file");
    const run = await runCli([...args, "-i", "mode=reversed"], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stderr.includes([...CANARY].reverse().join("")), "a transformed value is not expected to be redacted");
  });

  for (const [mode, exit] of SETUP_MODES) {
    for (const json of [false, true]) {
      test(`setup() ${mode}${json ? " (--json)" : ""}`, async () => {
        const { dir, env, args } = project("file");
        const run = await runCli([...args, ...inputs(json, {}), "-e", `LEAK_SETUP=${mode}`], { cwd: dir, env: { ...env } });
        assert.equal(run.code, exit, run.stderr);
        if (exit === 1) assert.match(run.stderr, /setup\(\) failed|exited|signal|code 3/);
        assertNoLeak(`setup ${mode}`, run, dir);
      });
    }
  }

  for (const [mode, exit] of PREDICT_MODES) {
    for (const json of [false, true]) {
      test(`predict() ${mode}${json ? " (--json)" : ""}`, async () => {
        const { dir, env, args } = project("file");
        const run = await runCli([...args, ...inputs(json, { mode })], { cwd: dir, env });
        assert.equal(run.code, exit, run.stderr);
        if (json) assert.match(JSON.parse(run.stdout).status, exit === 0 ? /succeeded/ : /failed/);
        assertNoLeak(`predict ${mode}`, run, dir);
      });
    }
  }

  test("predict() output written with -o and --json -o stays scrubbed", async () => {
    const { dir, env, args } = project("file");
    const plain = await runCli([...args, "-i", "mode=return-nested", "-o", "out.json"], { cwd: dir, env });
    assert.equal(plain.code, 0, plain.stderr);
    assertNoLeak("-o out.json", plain, dir);
    const json = await runCli([...args, "-o", "envelope.json", ...inputs(true, { mode: "return" })], { cwd: dir, env });
    assert.equal(json.code, 0, json.stderr);
    assertNoLeak("--json -o envelope.json", json, dir);
    assert.equal(Object.keys(textsUnder(dir)).filter((path) => path.endsWith(".json")).length, 2);
  });

  test("a generator streaming the secret in pieces", async () => {
    const { dir, env, args } = project("file");
    for (const pieces of ["2", "3", "7"]) {
      const run = await runCli([...args.slice(0, 1), "predict.ts:StreamPredictor", ...args.slice(1), "-i", `pieces=${pieces}`], {
        cwd: dir,
        env,
      });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, "start ********** end\n");
      assertNoLeak(`generator in ${pieces} pieces`, run, dir);
    }
  });

  for (const source of ["env", "store"] as const) {
    test(`supplied from the ${source}: setup and predict egress stay clean`, async () => {
      const { dir, env, args } = project(source);
      for (const [setup, mode] of [
        ["env-dump", "return"],
        ["console-log", "throw"],
      ]) {
        const run = await runCli([...args, "-e", `LEAK_SETUP=${setup}`, ...inputs(true, { mode })], { cwd: dir, env });
        assert.ok(run.code === 0 || run.code === 1, run.stderr);
        assertNoLeak(`${source}: setup ${setup}, predict ${mode}`, run, dir);
      }
    });
  }
});
