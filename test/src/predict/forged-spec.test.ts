// A predictor can send its own `spec` over the worker's IPC channel before the real one. A forged spec
// that is well formed passes the parent's shape check, so whatever is shown of its texts — an input's
// name, its choices, its pattern, in usage errors and in the schema — must go through the redactor like
// everything else the predictor says. The deployment secret stands in for any secret the predictor can
// read for itself; it is an identifier, so that it can pass as an input's name.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { call, predict } from "../server/support/http.js";
import { startServe, stopAll } from "../server/support/serve-process.js";
import { assertNoLeaks, textsUnder } from "../support/canary.js";
import { runCli } from "../support/cli.js";
import { makeProject, PREDICT_FIXTURES } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const SECRET = "tsc_cog_CANARY_forged_spec_7f3e9a";
const MASK = "**********";
const cwd = `${PREDICT_FIXTURES}/forged-spec`;
const env = (mode: string) => ({ TSC_COG_SECRET_deploy_token: SECRET, FORGE: mode, FORGE_VALUE: SECRET });

const expected: Record<string, string> = {
  name: `error: unknown input "prompt"; valid inputs are: ${MASK}\n`,
  choices: `error: invalid input "prompt": must be one of: ${MASK}\n`,
  regex: `error: invalid input "prompt": string doesn't match the regular expression "^${MASK}$"\n`,
};

describe("a forged spec quoting a secret", { timeout: 120_000 }, () => {
  after(stopAll);

  it("runs as written without the forgery (the control)", async () => {
    const result = await runCli(["predict", "-i", "prompt=hi"], { cwd, env: env("none") });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "hello hi\n");
  });

  it("the shape check takes every real spec: an input-class property with a quoted name (the second control)", async () => {
    const dir = makeProject({
      "predict.ts": `import { BasePredictor, Input, Inputs } from "@tsc-cog/sdk";
class Args {
  @Input({ description: "a name that is not an identifier" }) "my-field"!: string;
}
export class Predictor extends BasePredictor {
  async predict(@Inputs() args: Args): Promise<string> {
    return args["my-field"];
  }
}
`,
      "cog.yaml": 'predict: "predict.ts:Predictor"\n',
    });
    const result = await runCli(["predict", "-i", "my-field=hello"], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "hello\n");
  });

  for (const mode of Object.keys(expected)) {
    it(`tsc-cog predict: the usage error that quotes it is scrubbed and still exits 2 (${mode})`, async () => {
      const result = await runCli(["predict", "-i", "prompt=hi"], { cwd, env: env(mode) });
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stderr, expected[mode]);
      assertNoLeaks({ stdout: result.stdout, stderr: result.stderr }, [SECRET]);
    });
  }

  it("tsc-cog schema: the document is scrubbed of every secret this machine knows", async () => {
    const result = await runCli(["schema"], { cwd, env: env("choices") });
    assert.equal(result.code, 0, result.stderr);
    const document = JSON.parse(result.stdout);
    assert.deepEqual(document.components.schemas.prompt.enum, [MASK]);
    assertNoLeaks({ stdout: result.stdout, stderr: result.stderr }, [SECRET]);
  });

  for (const command of ["schema", "build", "predict"]) {
    it(`tsc-cog ${command}: a load error quoting it is scrubbed`, async () => {
      const args = {
        schema: ["schema"],
        build: ["build", "--context-only", join(tempDir("tsc-cog-forged-build-"), "context")],
        predict: ["predict", "-i", "prompt=hi"],
      }[command] as string[];
      const result = await runCli(args, { cwd, env: env("throw") });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /^error: failed to load the predictor: predict\.ts failed to load: cannot start: \*{10}\n/);
      assertNoLeaks({ stdout: result.stdout, stderr: result.stderr }, [SECRET]);
    });
  }

  it("tsc-cog build: an image whose schema label would hold it is refused", async () => {
    const parent = tempDir("tsc-cog-forged-build-");
    const context = join(parent, "context");
    const result = await runCli(["build", "--context-only", context], { cwd, env: env("choices") });
    assert.notEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /Dockerfile holds the secret "deploy_token"/);
    // Nothing is left behind: the context written so far is removed.
    assert.deepEqual(textsUnder(parent), {});
    assertNoLeaks({ stdout: result.stdout, stderr: result.stderr }, [SECRET]);
  });

  it("tsc-cog serve: the schema and the answers built from it are scrubbed", async () => {
    const server = await startServe({ cwd, env: env("choices"), until: "SETUP_FAILED" });
    const schema = await call("GET", `${server.url}/openapi.json`);
    assert.equal(schema.status, 200);
    assert.ok(schema.text.includes(`"enum":["${MASK}"]`), schema.text);
    // The real spec came second, where setup() expected its answer: setup fails, and says so without the value.
    const answer = await predict(server.url, { input: { prompt: "hi" } });
    assert.equal(answer.json.status, "failed", answer.text);
    const health = await call("GET", `${server.url}/health-check`);
    assertNoLeaks({ schema: schema.text, answer: answer.text, health: health.text, output: server.stderr() }, [SECRET]);
  });
});

describe("TSC_COG_SECRET_* variables the predictor reads from its parent's environment", { timeout: 120_000 }, () => {
  after(stopAll);
  // One declared in cog.yaml (deploy_token), one not: both are secrets, and neither may come out.
  const UNDECLARED = "tsc-cog-CANARY-undeclared-5e6f7a";
  const parentEnv = { TSC_COG_SECRET_deploy_token: SECRET, TSC_COG_SECRET_other: UNDECLARED, FORGE: "parent-env" };
  const found = `found ${MASK} ${MASK}`;

  it("tsc-cog predict scrubs them, declared or not", async () => {
    const result = await runCli(["predict", "-i", "prompt=hi"], { cwd, env: parentEnv });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${found}\n`);
    assert.equal(result.stderr, `${found}\n`);
    assertNoLeaks({ stdout: result.stdout, stderr: result.stderr }, [SECRET, UNDECLARED]);
  });

  it("tsc-cog serve scrubs them, declared or not", async () => {
    const server = await startServe({ cwd, env: parentEnv });
    const answer = await predict(server.url, { input: { prompt: "hi" } });
    assert.equal(answer.json.output, found, answer.text);
    assert.equal(answer.json.logs, `${found}\n`);
    assertNoLeaks({ answer: answer.text, output: server.stderr() }, [SECRET, UNDECLARED]);
  });
});
