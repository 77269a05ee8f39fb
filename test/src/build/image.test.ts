// A real image: `tsc-cog build` with podman, run with a secrets folder mounted at /secrets: READY, a
// prediction with its secrets redacted, a non-root process, a warm compile cache, SIGTERM draining a
// prediction, and the deployment secret in no layer of the saved image. In CI (.ci/run installs podman)
// it must run; elsewhere it skips, saying how to enable it.
import assert from "node:assert/strict";
import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { waitForHealth } from "../server/support/serve-process.js";
import { assertNoLeaks, canaryForms, LEAK_WINDOW } from "../support/canary.js";
import { runCli, sleep } from "../support/cli.js";
import { copyFixture } from "../support/project.js";
import { tempDir } from "../support/temp.js";
import { importBaseImage, podman, podmanEnv, podmanInstalled } from "./support/podman.js";

const KEY = "tsc-cog-CANARY-image-deploy-key-9d2f";
const TOKEN = "tsc-cog-CANARY-image-api-token-77ab";
const MASK = "**********";
const TAG = `localhost/tsc-cog-image-test:${process.pid}`;
const CONTAINER = `tsc-cog-image-test-${process.pid}`;
const inCi = (process.env.CI ?? "") !== "" && process.env.CI !== "false";
const skip =
  !podmanInstalled() && !inCi ? "podman is not installed: run `apt-get install -y podman runc` (as .ci/run does) to run this test" : false;

describe("tsc-cog build: a real image, built and run with podman", { timeout: 300_000, skip }, () => {
  let env: Record<string, string>;
  let url: string;
  let buildOutput = "";
  const seen: Record<string, string> = {};

  before(async () => {
    assert.ok(podmanInstalled(), "podman must be installed in CI (.ci/run installs it)");
    env = podmanEnv();
    const base = importBaseImage(env);
    const project = copyFixture("image");
    writeFileSync(join(project, ".env"), `MODEL_KEY=${KEY}\n`);
    const built = await runCli(["build", "-t", TAG, "--base-image", base], {
      cwd: project,
      env: { ...env, TSC_COG_SECRET_model_key: KEY, NO_COLOR: "1" },
      timeoutMs: 240_000,
    });
    buildOutput = built.stdout + built.stderr;
    assert.equal(built.code, 0, buildOutput);
    assert.equal(built.stdout, `${TAG}\n`);
    assert.match(built.stderr, /not copied into the image: \.env/);

    const secrets = tempDir("tsc-cog-secrets-");
    chmodSync(secrets, 0o755);
    writeFileSync(join(secrets, "model_key"), `${KEY}\n`);
    const port = await freePort();
    podman(["run", "-d", "--name", CONTAINER, "-p", `127.0.0.1:${port}:8393`, "-v", `${secrets}:/secrets:ro`, TAG], env);
    url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, "READY", 60_000);
  });

  after(() => {
    if (!env) return;
    for (const args of [
      ["rm", "-f", CONTAINER],
      ["rmi", "-f", TAG],
    ])
      try {
        podman(args, env);
      } catch {
        // already gone
      }
  });

  it("answers predictions with the deployment secret and the secret input redacted", async () => {
    const health = (await (await fetch(`${url}/health-check`)).json()) as { setup: { logs: string } };
    assert.equal(health.setup.logs, `setup: model_key is ${MASK}\n`);
    const response = await fetch(`${url}/predictions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: { text: "hi", api_token: TOKEN } }),
    });
    const text = await response.text();
    seen.prediction = text;
    const body = JSON.parse(text);
    assert.equal(body.status, "succeeded", text);
    assert.equal(body.output, `hi (key of ${KEY.length} characters, token ${MASK})`);
    assert.equal(body.logs, `predict: token ${MASK}, uid 10001\n`);
  });

  it("runs as a non-root user, with the compile cache warm (no compiler loaded)", () => {
    const users = podman(["top", CONTAINER, "user"], env).trim().split("\n").slice(1);
    assert.ok(users.length >= 2, "the server and its worker");
    for (const user of users) assert.equal(user.trim(), "10001");
    const script =
      "const fs=require('fs');console.log(fs.readdirSync('/proc').filter(p=>/^[0-9]+$/.test(p)).some(p=>{try{return fs.readFileSync('/proc/'+p+'/maps','utf8').includes('swc')}catch{return false}}))";
    assert.equal(podman(["exec", CONTAINER, "node", "-e", script], env).trim(), "false", "no process has swc loaded");
  });

  it("finishes a prediction in flight on SIGTERM, then exits 0", async () => {
    const slow = fetch(`${url}/predictions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: { text: "slow", api_token: TOKEN, sleep_ms: 3000 } }),
    }).then((response) => response.text());
    // Started when its log line is out (it logs before it sleeps).
    for (let i = 0; i < 100 && (podman(["logs", CONTAINER], env, { both: true }).match(/predict: token/g) ?? []).length < 2; i++)
      await sleep(50);
    podman(["kill", "--signal", "TERM", CONTAINER], env);
    const text = await slow;
    seen.drained = text;
    assert.equal(JSON.parse(text).status, "succeeded", text);
    assert.equal(podman(["wait", CONTAINER], env).trim(), "0");
    seen.logs = podman(["logs", CONTAINER], env, { both: true });
    assert.match(seen.logs, /shutting down/);
  });

  it("keeps both secrets out of every response, the container's log and the build's output", () => {
    assertNoLeaks({ ...seen, build: buildOutput }, [KEY, TOKEN], "a secret");
  });

  it("has the deployment secret in no layer of the saved image", () => {
    const dir = tempDir("tsc-cog-saved-");
    const archive = join(dir, "image.tar");
    podman(["save", "--format", "docker-archive", "-o", archive, TAG], env);
    // A docker archive holds its layers as uncompressed tars: their files' bytes are in it as they are.
    // The search can find text that is in the image (the predictor's own source) …
    assert.ok(filesHolding(dir, ["setup: model_key is "]).length > 0, "the search finds what is in the image");
    // … and finds no form of the deployment secret, nor any 12-character piece of it.
    assert.deepEqual(filesHolding(dir, leakNeedles(KEY)), [], "the deployment secret is in no layer");
  });
});

/** Every form of `secret` the leak tests look for, and every LEAK_WINDOW-character piece of it (see support/canary.ts). */
function leakNeedles(secret: string): string[] {
  const needles = new Set(canaryForms(secret));
  for (let i = 0; i + LEAK_WINDOW <= secret.length; i++) needles.add(secret.slice(i, i + LEAK_WINDOW));
  return [...needles];
}

/** The files under `dir` (recursively) whose bytes hold one of `needles` (as UTF-8), searched as bytes: the layers are large. */
function filesHolding(dir: string, needles: readonly string[]): string[] {
  const patterns = needles.map((needle) => Buffer.from(needle, "utf8"));
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = readFileSync(path);
    if (patterns.some((pattern) => bytes.includes(pattern))) found.push(path);
  }
  return found;
}

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
