// examples/deploy-secret/README.md runs as written: every `sh` block, in order, in the example's
// folder, supplying the deployment secret from the store, the environment and a secrets folder.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { cleanEnv, ROOT, RUN_TIMEOUT_MS, tempDir } from "./helpers.js";

const EXAMPLE = join(ROOT, "examples", "deploy-secret");
const README = readFileSync(join(EXAMPLE, "README.md"), "utf8");

// The README's commands create these (both are in the example's .gitignore).
after(() => {
  rmSync(join(EXAMPLE, "nonce.txt"), { force: true });
  rmSync(join(EXAMPLE, "k8s-secrets"), { recursive: true, force: true });
});

test("the deploy-secret README runs as written and signs the same way from all three sources", async () => {
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 4, "expected the setup block and one block per way of supplying the key");
  const signature = createHmac("sha256", "demo-signing-key-0001").update("demo-nonce-0001").update("\n").update("hello").digest("hex");
  assert.ok(README.includes(signature), "the README states a signature the predictor does not produce");

  const env = cleanEnv(tempDir("example-home"));
  const script = `set -euo pipefail\n${blocks.join("\n")}`;
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn("bash", ["-c", script], { cwd: EXAMPLE, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the README's commands did not finish within ${RUN_TIMEOUT_MS} ms\n${stdout}\n${stderr}`));
    }, RUN_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  assert.equal(run.stdout.split(signature).length - 1, 3, run.stdout);
  assert.match(run.stdout, /signing_key {2}store {2}/, "secrets list does not show the store as the source");
  assert.equal(run.stderr.split("loaded the signing key **********").length - 1, 3, run.stderr);
  for (const value of ["demo-signing-key-0001", "demo-nonce-0001"]) {
    assert.ok(!run.stdout.includes(value) && !run.stderr.includes(value), `${value} was printed`);
  }
});
