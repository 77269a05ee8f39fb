// examples/deploy-secret/README.md runs as written: every `sh` block, in order, in the example's
// folder, supplying the deployment secret from the store, the environment and a secrets folder.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { homeEnv, runProgram } from "../support/cli.js";
import { EXAMPLES } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const EXAMPLE = join(EXAMPLES, "deploy-secret");
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

  const script = `set -euo pipefail\n${blocks.join("\n")}`;
  const run = await runProgram("bash", ["-c", script], { cwd: EXAMPLE, env: homeEnv(tempDir("tsc-cog-example-home-")) });
  assert.equal(run.timedOut, false, `the README's commands did not finish in time\n${run.stdout}\n${run.stderr}`);
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  assert.equal(run.stdout.split(signature).length - 1, 3, run.stdout);
  assert.match(run.stdout, /signing_key {2}store {2}/, "secrets list does not show the store as the source");
  assert.equal(run.stderr.split("loaded the signing key **********").length - 1, 3, run.stderr);
  for (const value of ["demo-signing-key-0001", "demo-nonce-0001"]) {
    assert.ok(!run.stdout.includes(value) && !run.stderr.includes(value), `${value} was printed`);
  }
});
