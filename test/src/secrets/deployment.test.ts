// Deployment secrets: declared in cog.yaml by name only, resolved before setup from the secrets-dir
// file, then $TSC_COG_SECRET_<name>, then the local store; read through this.secrets.
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fingerprint } from "../support/canary.js";
import { homeEnv, runCli } from "../support/cli.js";
import { copyFixture } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const FILE_VALUE = "from-the-secrets-dir-file";
const ENV_VALUE = "from-the-environment-variable";
const STORE_VALUE = "from-the-local-store";
const API_KEY = "api-key-value-123456";

interface Sources {
  file?: string;
  env?: string;
  store?: string;
}

/** A copy of the deploy fixture with `signing_key` supplied from the given places and api_key from env. */
function project(signingKey: Sources, apiKey: string | undefined = API_KEY) {
  const dir = copyFixture("secrets", "deploy");
  const secretsDir = tempDir("tsc-cog-secrets-dir-");
  const marker = join(dir, "setup-ran");
  const env = homeEnv(join(dir, ".home"), { RAN_MARKER: marker });
  if (signingKey.file !== undefined) writeFileSync(join(secretsDir, "signing_key"), `${signingKey.file}\n`);
  if (signingKey.env !== undefined) env.TSC_COG_SECRET_signing_key = signingKey.env;
  if (signingKey.store !== undefined) {
    const store = join(env.XDG_CONFIG_HOME, "tsc-cog", "secrets");
    mkdirSync(store, { recursive: true, mode: 0o700 });
    writeFileSync(join(store, "signing_key"), signingKey.store, { mode: 0o600 });
  }
  if (apiKey !== undefined) env.TSC_COG_SECRET_api_key = apiKey;
  return { dir, env, marker, secretsDir, args: ["predict", "--secrets-dir", secretsDir] };
}

const expected = (signingKey: string) =>
  `setup:signing_key=${fingerprint(signingKey)} signing_key=${fingerprint(signingKey)} api_key=${fingerprint(API_KEY)}\n`;

describe("deployment secrets", { concurrency: 2 }, () => {
  const cases: [string, Sources, string][] = [
    ["the secrets-dir file alone (one trailing newline dropped)", { file: FILE_VALUE }, FILE_VALUE],
    ["the environment variable alone", { env: ENV_VALUE }, ENV_VALUE],
    ["the local store alone", { store: STORE_VALUE }, STORE_VALUE],
    ["the file over the environment and the store", { file: FILE_VALUE, env: ENV_VALUE, store: STORE_VALUE }, FILE_VALUE],
    ["the environment over the store", { env: ENV_VALUE, store: STORE_VALUE }, ENV_VALUE],
    ["an empty file counts as none: the environment is next", { file: "", env: ENV_VALUE }, ENV_VALUE],
  ];
  for (const [name, sources, value] of cases) {
    test(`resolves from ${name}, in setup() and predict()`, async () => {
      const { dir, env, args } = project(sources);
      const run = await runCli(args, { cwd: dir, env });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, expected(value));
    });
  }

  test("secrets missing everywhere fail together before setup, each with every place looked in, exit 2", async () => {
    const { dir, env, marker, args, secretsDir } = project({}, undefined);
    env.TSC_COG_SECRET_api_key = "";
    const run = await runCli(args, { cwd: dir, env });
    assert.equal(run.code, 2, run.stderr);
    assert.equal(
      run.stderr,
      "error: 2 deployment secrets not found:\n" +
        `- secret "signing_key" not found; looked in ${secretsDir}/signing_key, $TSC_COG_SECRET_signing_key, the local store (tsc-cog secrets set signing_key)\n` +
        `- secret "api_key" not found; looked in ${secretsDir}/api_key, $TSC_COG_SECRET_api_key (empty), the local store (tsc-cog secrets set api_key)\n`,
    );
    assert.equal(run.stdout, "");
    assert.equal(existsSync(marker), false, "setup ran");
  });

  test("the default secrets dir is /secrets", async () => {
    const { dir, env } = project({}, API_KEY);
    const run = await runCli(["predict"], { cwd: dir, env });
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /^error: secret "signing_key" not found; looked in \/secrets\/signing_key, \$TSC_COG_SECRET_signing_key, the local store/,
    );
  });

  test("a store file other users can read is refused with the chmod to run, exit 2", async () => {
    const { dir, env, args, marker } = project({ store: STORE_VALUE });
    const file = join(env.XDG_CONFIG_HOME, "tsc-cog", "secrets", "signing_key");
    chmodSync(file, 0o644);
    const run = await runCli(args, { cwd: dir, env });
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`other users can read or change it \\(mode 644\\); run: chmod 600 ${file}`));
    assert.ok(!run.stderr.includes(STORE_VALUE));
    assert.equal(existsSync(marker), false, "setup ran");
    chmodSync(file, 0o600);
    const fixed = await runCli(args, { cwd: dir, env });
    assert.equal(fixed.code, 0, fixed.stderr);
  });

  test("a value in cog.yaml is rejected, explained, and never echoed", async () => {
    const { dir, env, args, marker } = project({ env: ENV_VALUE });
    const committed = "sk-live-committed-by-mistake-0042";
    writeFileSync(join(dir, "cog.yaml"), `predict: "predict.ts:Predictor"\nsecrets:\n  signing_key: ${committed}\n  api_key: null\n`);
    const run = await runCli(args, { cwd: dir, env });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /secret "signing_key" has a value in cog\.yaml; cog\.yaml only declares names \(write `signing_key: null`\)/);
    assert.match(run.stderr, /TSC_COG_SECRET_signing_key/);
    assert.match(run.stderr, /tsc-cog secrets set signing_key/);
    assert.ok(!run.stderr.includes(committed), "the committed value was echoed");
    assert.ok(!run.stderr.includes("committed-by-mistake"), "part of the committed value was echoed");
    assert.equal(existsSync(marker), false, "setup ran");
  });

  test("several problems in secrets: are reported together", async () => {
    const { dir, env, args } = project({ env: ENV_VALUE });
    writeFileSync(join(dir, "cog.yaml"), `predict: "predict.ts:Predictor"\nsecrets:\n  signing_key: "abc"\n  api_key: 12345\n`);
    const run = await runCli(args, { cwd: dir, env });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /- secret "signing_key" has a value/);
    assert.match(run.stderr, /- secret "api_key" has a value/);
    assert.ok(!run.stderr.includes("abc") && !run.stderr.includes("12345"));
  });

  test("has() is true for declared names only", async () => {
    const { dir, env, args } = project({ env: ENV_VALUE });
    const run = await runCli([...args, "-i", "mode=has"], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "signing_key:true api_key:true nope:false\n");
  });

  test("get() of an undeclared name fails the prediction with the fix", async () => {
    const { dir, env, args } = project({ env: ENV_VALUE });
    const run = await runCli([...args, "-i", "mode=undeclared"], { cwd: dir, env });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /secret "not_declared" is not declared in cog\.yaml \(declared secrets are: signing_key, api_key\); add it under secrets: as `not_declared: null`/,
    );
  });

  test("this.secrets cannot be iterated, listed or serialised into values", async () => {
    const { dir, env, args } = project({ env: ENV_VALUE });
    const run = await runCli([...args, "-i", "mode=iterate"], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'iterable:false keys:[] entries:[] json:"Secrets(**********)" string:Secrets(**********)\n');
  });

  test("the worker's environment holds no TSC_COG_SECRET_* variable", async () => {
    const { dir, env, args } = project({ env: ENV_VALUE });
    const run = await runCli([...args, "-i", "mode=environment"], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "secret-variables:[]\n");
  });

  test("tsc-cog secrets list shows where each declared secret resolves from, never a value", async () => {
    const { dir, env, secretsDir } = project({ store: STORE_VALUE });
    writeFileSync(join(dir, "cog.yaml"), `${readFileSync(join(dir, "cog.yaml"), "utf8")}  hf_token: null\n  from_file: null\n`);
    writeFileSync(join(secretsDir, "from_file"), "file-value-000\n");
    const run = await runCli(["secrets", "list", "--secrets-dir", secretsDir], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    const store = join(env.XDG_CONFIG_HOME, "tsc-cog", "secrets");
    assert.equal(
      run.stdout,
      `Local store (${store}):\n  signing_key\n\n` +
        `Declared in ${join(dir, "cog.yaml")} (first found wins: ${secretsDir} file, env, store):\n` +
        `  signing_key  store  ${store}/signing_key\n` +
        "  api_key      env  $TSC_COG_SECRET_api_key\n" +
        `  hf_token     missing  looked in ${secretsDir}/hf_token, $TSC_COG_SECRET_hf_token, the local store (tsc-cog secrets set hf_token)\n` +
        `  from_file    ${secretsDir} file  ${secretsDir}/from_file\n`,
    );
    for (const value of [STORE_VALUE, API_KEY, "file-value-000"]) assert.ok(!run.stdout.includes(value) && !run.stderr.includes(value));
  });
});
