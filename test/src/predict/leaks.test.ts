// The leak suite (DESIGN §8, "the invariant"): hostile predictors try every egress of `tsc-cog predict`
// with a canary secret; neither the canary nor any encoded form of it may appear in stdout, stderr, the
// --json envelope or any file written, and the prediction must otherwise behave as usual.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { assertNoLeaks, CANARY, textsUnder } from "../support/canary.js";
import { type CliResult, runCli } from "../support/cli.js";
import { copyFixture, LEAKY, PREDICT_FIXTURES } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const MASK = "**********";
/** The deployment secret of leaky-more/cog.yaml, a second canary with its own special characters. */
const DEPLOY_CANARY = "tsc-cog-DEPLOY-1a2b3c4d5e6f/+=&ü";

/** What a mode does when nothing leaks: its exit code, output, and what its logs or error show. */
interface Expectation {
  readonly code: 0 | 1;
  /** The output value (as in --json); `file` for a Path output, whose written content is `fileText`. */
  readonly output?: unknown;
  readonly fileText?: string;
  /** Text the predictor's (scrubbed) logs must contain. */
  readonly logs?: readonly string[];
  /** The error message (code 1), as printed after `error: ` and in the envelope's `error`. */
  readonly error?: string | RegExp;
  /** More lines stderr must contain in the default mode (causes). */
  readonly stderr?: readonly string[];
  /** What stderr shows only with --debug (the stack trace). */
  readonly debug?: string;
}

const LEAKY_MODES: Record<string, Expectation> = {
  "console-log": { code: 0, output: "ok", logs: [`token is ${MASK}\n`] },
  "stderr-write": { code: 0, output: "ok", logs: [`token=${MASK}\n`] },
  "split-write": { code: 0, output: "ok", logs: [`token=${MASK}\n`] },
  template: { code: 0, output: MASK, logs: [`${MASK} ${MASK} ${MASK}\n`] },
  "json-stringify": {
    code: 0,
    output: { api_token: MASK },
    logs: [`{"api_token":"${MASK}"} Secret(${MASK}) { nested: Secret(${MASK}) }\n`],
  },
  throw: { code: 1, error: `upstream rejected token ${MASK}`, debug: `Error: upstream rejected token ${MASK}\n    at Predictor.predict (` },
  return: { code: 0, output: MASK },
  "return-nested": { code: 0, output: [{ id: 1, headers: { authorization: `Bearer ${MASK}` } }] },
  base64: { code: 0, output: "ok", logs: [`${MASK}\n`] },
  "url-encoded": { code: 0, output: "ok", logs: [`https://example.invalid/?key=${MASK}\n`] },
};

const MORE_MODES: Record<string, Expectation> = {
  "cause-chain": {
    code: 1,
    error: "request failed",
    stderr: [`  caused by: server said ${MASK}\n`, `  caused by: string cause ${MASK}\n`],
  },
  stack: { code: 1, error: "request failed", debug: `    at signRequest (file:///srv/${MASK}/sign.js:1:1)` },
  "object-key": { code: 0, output: "ok", logs: [`'${MASK}': 'as key'`, `'${MASK}': '${MASK}'`, `Map(1) { '${MASK}' => 1 }`] },
  "return-key": { code: 0, output: { [MASK]: 1, list: [{ [MASK]: MASK }] } },
  "return-path": { code: 0, output: "file", fileText: `report\nkey: ${MASK}\nend\n` },
  "throw-string": { code: 1, error: `predictor threw a non-Error value: raw string ${MASK}` },
  "inspect-deep": { code: 0, output: "ok", logs: [`e: '${MASK}'`, `[ [ [ '${MASK}' ] ] ]`] },
  warning: { code: 0, output: "ok", logs: [`Warning: careful with ${MASK}\n`] },
  "unhandled-rejection": { code: 1, error: `async failure ${MASK}`, debug: `Error: async failure ${MASK}\n    at Predictor.predict (` },
  "exit-after-write": { code: 1, error: /^the predictor's worker process exited with code 3 /, logs: [`last words ${MASK}\n`] },
  deployment: { code: 0, output: { deployed: MASK }, logs: [`deploy token ${MASK}\n`] },
  "env-names": { code: 0, output: [] },
  "forge-ipc": { code: 1, error: /^the predictor's worker process was stopped: it sent a message that is not part of the worker protocol/ },
};

/** The modes a fixture declares (its `MODES` array), so that a mode added there cannot be skipped here. */
function declaredModes(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const list = /export const MODES = \[([\s\S]*?)\] as const;/.exec(source)?.[1] ?? "";
  return [...list.matchAll(/^\s*"([^"]+)",/gm)].map((match) => match[1]);
}

const rendered = (output: unknown) => (typeof output === "string" ? `${output}\n` : `${JSON.stringify(output, null, 2)}\n`);

type Variant = "default" | "--json" | "-o FILE" | "--json -o FILE" | "--debug";

interface Setup {
  /** The predictor ref (absolute), `predict.ts[:Export]` of a private copy of the fixture. */
  readonly ref: string;
  /** The secrets file, outside every folder that is scanned for leaks. */
  readonly canaryFile: string;
  readonly env: Record<string, string>;
  readonly extraArgs: readonly string[];
}

/** Runs one mode in one variant; checks the behaviour, then that no form of any canary leaked anywhere. */
async function runMode(setup: Setup, mode: string | undefined, variant: Variant, expected: Expectation): Promise<void> {
  const cwd = tempDir("tsc-cog-leak-run-");
  const outDir = tempDir("tsc-cog-leak-out-");
  const outFile = join(outDir, "out.txt");
  const inputs: Record<string, string> = { api_token: `@${setup.canaryFile}`, ...(mode ? { mode } : {}) };
  const args = ["predict", setup.ref, ...setup.extraArgs];
  if (variant.startsWith("--json")) args.push("--json", JSON.stringify(inputs));
  else for (const [name, value] of Object.entries(inputs)) args.push("-i", `${name}=${value}`);
  if (variant.endsWith("-o FILE")) args.push("-o", outFile);
  if (variant === "--debug") args.push("--debug");

  const run = await runCli(args, { cwd, env: setup.env });
  const label = `${mode ?? setup.ref} ${variant}`;
  // Leaks first: a failing behaviour check must not hide a leak report.
  assertNoLeaks({ stdout: run.stdout, stderr: run.stderr, ...textsUnder(cwd), ...textsUnder(outDir) }, [CANARY, DEPLOY_CANARY]);
  assert.equal(run.code, expected.code, `${label}: exit ${run.code}\n${run.stderr}`);
  if (variant === "--json") checkEnvelope(run.stdout, expected, cwd, label);
  else if (variant === "--json -o FILE") {
    assert.equal(run.stdout, "", label);
    checkEnvelope(readFileSync(outFile, "utf8"), expected, cwd, label);
  } else checkTerminal(run, expected, variant, cwd, outFile, label);
}

function checkTerminal(run: CliResult, expected: Expectation, variant: Variant, cwd: string, outFile: string, label: string): void {
  for (const text of expected.logs ?? [])
    assert.ok(run.stderr.includes(text), `${label}: logs should show ${JSON.stringify(text)}:\n${run.stderr}`);
  if (expected.code === 1) {
    const line = /^error: (.*)$/m.exec(run.stderr)?.[1];
    if (typeof expected.error === "string") assert.equal(line, expected.error, label);
    else assert.match(line ?? "", expected.error as RegExp, label);
    for (const text of expected.stderr ?? []) assert.ok(run.stderr.includes(text), `${label}: stderr should show ${JSON.stringify(text)}`);
    if (expected.debug !== undefined) {
      const shown = run.stderr.includes(expected.debug);
      assert.equal(shown, variant === "--debug", `${label}: the stack trace is shown only with --debug:\n${run.stderr}`);
    }
    assert.equal(run.stdout, "", label);
    assert.deepEqual(readdirSync(cwd), [], `${label}: nothing written`);
    assert.equal(existsSync(outFile), false, `${label}: no -o file`);
    return;
  }
  if (expected.output === "file") {
    const file = variant === "-o FILE" ? outFile : join(cwd, "output.txt");
    assert.equal(readFileSync(file, "utf8"), expected.fileText, label);
    assert.ok(run.stderr.includes(`Written output to: ${file}\n`), label);
    assert.equal(run.stdout, "", label);
  } else if (variant === "-o FILE") {
    assert.equal(readFileSync(outFile, "utf8"), rendered(expected.output), label);
    assert.equal(run.stdout, "", label);
  } else {
    assert.equal(run.stdout, rendered(expected.output), label);
  }
}

function checkEnvelope(json: string, expected: Expectation, cwd: string, label: string): void {
  const envelope = JSON.parse(json);
  assert.deepEqual(Object.keys(envelope), ["status", "input", "output", "error", "logs", "metrics"], label);
  assert.equal(envelope.input.api_token, MASK, label);
  assert.equal(envelope.status, expected.code === 0 ? "succeeded" : "failed", label);
  for (const text of expected.logs ?? []) assert.ok(envelope.logs.includes(text), `${label}: logs should hold ${JSON.stringify(text)}`);
  if (expected.code === 1) {
    if (typeof expected.error === "string") assert.equal(envelope.error, expected.error, label);
    else assert.match(envelope.error, expected.error as RegExp, label);
    assert.equal(envelope.output, null, label);
  } else if (expected.output === "file") {
    assert.equal(envelope.output, join(cwd, "output.txt"), label);
    assert.equal(readFileSync(envelope.output, "utf8"), expected.fileText, label);
  } else {
    assert.deepEqual(envelope.output, expected.output, label);
  }
}

describe("leak suite: test/fixtures/leaky, every mode", { concurrency: 4 }, () => {
  const leaky = copyFixture("leaky");
  const secrets = tempDir("tsc-cog-canary-");
  const setup: Setup = {
    ref: join(leaky, "predict.ts"),
    canaryFile: join(secrets, "canary.txt"),
    env: {},
    extraArgs: [],
  };
  writeFileSync(setup.canaryFile, `${CANARY}\n`); // @file drops the newline: the secret is exactly CANARY

  it("covers every mode the fixture declares", () => {
    assert.deepEqual(declaredModes(join(LEAKY, "predict.ts")).sort(), Object.keys(LEAKY_MODES).sort());
  });

  for (const [mode, expected] of Object.entries(LEAKY_MODES)) {
    const variants: Variant[] = ["default", "--json", "-o FILE", "--json -o FILE", ...(expected.code === 1 ? (["--debug"] as const) : [])];
    for (const variant of variants) {
      it(`${mode} (${variant})`, () => runMode(setup, mode, variant, expected));
    }
  }

  it("a literal -i value (in argv) is scrubbed from everything too, with a warning", async () => {
    const cwd = tempDir();
    const run = await runCli(["predict", setup.ref, "-i", `api_token=${CANARY}`, "-i", "mode=console-log"], { cwd });
    assertNoLeaks({ stdout: run.stdout, stderr: run.stderr, ...textsUnder(cwd) }, [CANARY]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "ok\n");
    assert.match(run.stderr, /^warning: secret input "api_token" was given on the command line/m);
    assert.match(run.stderr, /token is \*{10}\n/);
  });

  it("a literal value inside --json is scrubbed and masked in the envelope's input", async () => {
    const run = await runCli(["predict", setup.ref, "--json", JSON.stringify({ api_token: CANARY, mode: "return-nested" })]);
    assertNoLeaks({ stdout: run.stdout, stderr: run.stderr }, [CANARY]);
    assert.equal(run.code, 0, run.stderr);
    const envelope = JSON.parse(run.stdout);
    assert.equal(envelope.input.api_token, MASK);
    assert.deepEqual(envelope.output, LEAKY_MODES["return-nested"].output);
  });
});

describe("leak suite: test/fixtures/predict/leaky-more, every egress of the CLI", { concurrency: 4 }, () => {
  const more = copyFixture("predict", "leaky-more");
  const secrets = tempDir("tsc-cog-canary-");
  const setup: Setup = {
    ref: join(more, "predict.ts"),
    canaryFile: join(secrets, "canary.txt"),
    env: { TSC_COG_SECRET_deploy_token: DEPLOY_CANARY },
    extraArgs: ["--secrets-dir", tempDir("tsc-cog-no-secrets-")],
  };
  writeFileSync(setup.canaryFile, CANARY);

  it("covers every mode the fixture declares", () => {
    assert.deepEqual(declaredModes(join(PREDICT_FIXTURES, "leaky-more", "predict.ts")).sort(), Object.keys(MORE_MODES).sort());
  });

  for (const [mode, expected] of Object.entries(MORE_MODES)) {
    const variants: Variant[] = ["default", "--json", "-o FILE", ...(expected.code === 1 ? (["--debug"] as const) : [])];
    for (const variant of variants) {
      it(`${mode} (${variant})`, () => runMode(setup, mode, variant, expected));
    }
  }

  const concat = { ...setup, ref: `${setup.ref}:SplitConcat` };
  it("a concatenate stream with the secret split across two chunks (default)", () =>
    runMode(concat, undefined, "default", { code: 0, output: `before ${MASK} after` }));
  it("a concatenate stream with the secret split across two chunks (-o FILE)", () =>
    runMode(concat, undefined, "-o FILE", { code: 0, output: `before ${MASK} after` }));
  it("a concatenate stream with the secret split across two chunks (--json, collected)", async () => {
    const run = await runCli(
      ["predict", concat.ref, ...concat.extraArgs, "--json", JSON.stringify({ api_token: `@${concat.canaryFile}` })],
      {
        env: concat.env,
      },
    );
    assertNoLeaks({ stdout: run.stdout, stderr: run.stderr }, [CANARY]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).output.join(""), `before ${MASK} after`);
  });

  const lines = { ...setup, ref: `${setup.ref}:SplitLines` };
  for (const variant of ["default", "--json", "-o FILE"] as const) {
    it(`a string iterator with the secret split across two items (${variant})`, async () => {
      const cwd = tempDir();
      const outFile = join(tempDir(), "out.json");
      const args = ["predict", lines.ref, ...lines.extraArgs];
      if (variant === "--json") args.push("--json", JSON.stringify({ api_token: `@${lines.canaryFile}` }));
      else args.push("-i", `api_token=@${lines.canaryFile}`);
      if (variant === "-o FILE") args.push("-o", outFile);
      const run = await runCli(args, { cwd, env: lines.env });
      const written = variant === "-o FILE" ? { [outFile]: readFileSync(outFile, "utf8") } : {};
      assertNoLeaks({ stdout: run.stdout, stderr: run.stderr, ...written, ...textsUnder(cwd) }, [CANARY]);
      assert.equal(run.code, 0, run.stderr);
      const shown =
        variant === "default" ? run.stdout : variant === "--json" ? JSON.stringify(JSON.parse(run.stdout).output) : written[outFile];
      assert.ok(shown.includes(MASK) && shown.includes("before") && shown.includes("after"), shown);
    });
  }
});
