// The predictor can write to its worker's IPC channel (`process.send`) as well as the runtime can. A
// message that is not the protocol's must stop that worker — never throw in the server, where an
// uncaught error would end the process and print the message, secret and all, unredacted.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { assertNoLeaks, CANARY } from "../support/canary.js";
import { PREDICT_FIXTURES } from "../support/project.js";
import { call, predict } from "./support/http.js";
import { startServe, stopAll, waitForHealth } from "./support/serve-process.js";

const DEPLOY_CANARY = "tsc-cog-DEPLOY-1a2b3c4d5e6f/+=&ü";

describe("tsc-cog serve: a predictor that forges IPC messages", { timeout: 120_000 }, () => {
  after(stopAll);

  it("fails its prediction, leaks nothing, and the server replaces the worker and goes on", async () => {
    const server = await startServe({
      cwd: `${PREDICT_FIXTURES}/leaky-more`,
      env: { TSC_COG_SECRET_deploy_token: DEPLOY_CANARY },
    });
    const forged = await predict(server.url, { input: { api_token: CANARY, mode: "forge-ipc" } });
    assert.equal(forged.status, 200, forged.text);
    assert.equal(forged.json.status, "failed");
    assert.match(forged.json.error, /not part of the worker protocol/);
    await waitForHealth(server.url, "READY", 30_000);
    const next = await predict(server.url, { input: { api_token: CANARY, mode: "env-names" } });
    assert.equal(next.json.status, "succeeded", next.text);
    const read = await call("GET", `${server.url}/predictions/${forged.json.id}`);
    assert.equal(server.child.exitCode, null, "the server is still running");
    assertNoLeaks({ forged: forged.text, next: next.text, read: read.text, output: server.stderr() }, [CANARY, DEPLOY_CANARY]);
  });
});
