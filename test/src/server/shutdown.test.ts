// Graceful shutdown: SIGTERM stops accepting, lets every prediction in flight (sync and async) finish
// and deliver its webhook, stops the workers and exits 0; a second signal stops at once.
import assert from "node:assert/strict";
import { execSync } from "node:child_process";
import { after, describe, it } from "node:test";
import { sleep } from "../support/cli.js";
import { serverFixture } from "../support/project.js";
import { call, predict } from "./support/http.js";
import { startServe, stopAll, waitForHealth } from "./support/serve-process.js";
import { WebhookReceiver } from "./support/webhook-receiver.js";

const BASIC = serverFixture("basic");
const slow = (text: string, ms: number) => ({ input: { text, action: "sleep", sleep_ms: ms } });
const workerPids = (pid: number) => {
  try {
    return execSync(`pgrep -P ${pid}`, { encoding: "utf8" }).split("\n").filter(Boolean);
  } catch {
    return [];
  }
};

describe("tsc-cog serve: graceful shutdown", { timeout: 120_000 }, () => {
  after(stopAll);

  it("SIGTERM finishes the sync and async predictions in flight, refuses new ones, and exits 0", async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    const server = await startServe({ cwd: BASIC, args: ["--concurrency", "2"] });
    const sync = predict(server.url, slow("sync-in-flight", 1500));
    const async = await predict(server.url, { ...slow("async-in-flight", 1500), webhook: `${receiver.url}/sd` }, { async: true });
    assert.equal(async.status, 202);
    await waitForHealth(server.url, "BUSY", 5000);
    server.child.kill("SIGTERM");
    await sleep(200);
    const refused = await predict(server.url, { input: { text: "late" } }).catch((error: Error) => error);
    if (!(refused instanceof Error)) assert.equal(refused.status, 503, "a request after SIGTERM is refused");
    const syncReply = await sync;
    assert.equal(syncReply.status, 200);
    assert.equal(syncReply.json.status, "succeeded");
    assert.equal(syncReply.json.output, "sync-in-flight|ratio=0.5|tags=|token=none");
    // Answered while shutting down: the keep-alive connection is closed, or it would hold the server open.
    assert.equal(syncReply.headers.get("connection"), "close");
    const completed = await receiver.completed("/sd");
    assert.equal(completed.body.status, "succeeded");
    const exit = await server.exited;
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.match(server.stderr(), /shutting down/);
    await receiver.close();
  });

  it("a second signal stops at once: the prediction in flight fails, the server still exits", async () => {
    const server = await startServe({ cwd: BASIC });
    const sync = predict(server.url, slow("too-long", 60_000)).catch((error: Error) => error);
    await waitForHealth(server.url, "BUSY", 5000);
    server.child.kill("SIGTERM");
    await sleep(300);
    server.child.kill("SIGTERM");
    const exit = await server.exited;
    assert.equal(exit.code, 0, `${JSON.stringify(exit)}\n${server.stderr()}`);
    const reply = await sync;
    if (!(reply instanceof Error)) assert.equal(reply.json.status, "failed");
  });

  it("leaves no worker process behind", async () => {
    const server = await startServe({ cwd: BASIC, args: ["--concurrency", "2"] });
    const pid = server.child.pid as number;
    assert.equal((await call("GET", `${server.url}/health-check`)).json.status, "READY");
    const children = workerPids(pid);
    assert.ok(children.length >= 2, `two workers (got ${children.join(",")})`);
    await server.stop();
    for (const child of children) assert.throws(() => process.kill(Number(child), 0), "worker gone");
  });
});
