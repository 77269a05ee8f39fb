// @Concurrent through the built server: one worker runs several predictions at once, each one's logs
// attributed to it and redacted (a canary per caller, none in anyone's response or the server's log),
// 409 and BUSY when full, cancelling one leaves the others running, and the deployment's
// COG_MAX_CONCURRENCY overriding the decorator (a sync predict() cannot take more than one).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { assertNoLeaks } from "../support/canary.js";
import { serverFixture } from "../support/project.js";
import { postEventStream, type SseEvent } from "./support/event-stream.js";
import { call, predict, type Reply } from "./support/http.js";
import { type ServeProcess, startServe, stopAll, waitForHealth } from "./support/serve-process.js";

const MASK = "**********";
const CALLERS = ["alice", "bob", "carol", "dave"] as const;
/** One canary per caller, with JSON- and URL-special characters so that each encoded form differs. */
const canary = (caller: string) => `tsc-cog-CANARY-${caller}-7c1e+/=&?"\\é`;
const CANARIES = CALLERS.map(canary);
const fixture = serverFixture("concurrent");
let server: ServeProcess;
const replies: Reply[] = [];

const talk = (caller: string, ms = 900) => predict(server.url, { input: { action: "talk", caller, token: canary(caller), ms } });
const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("tsc-cog serve: @Concurrent predictions in one worker", { timeout: 120_000 }, () => {
  before(async () => {
    server = await startServe({ cwd: fixture });
  });
  after(() => stopAll());

  it("runs four callers at once in one worker, each one's logs its own and redacted with its secrets", async () => {
    const talks = await Promise.all(CALLERS.map((caller) => talk(caller)));
    replies.push(...talks);
    const peak = await predict(server.url, { input: { action: "peak" } });
    assert.equal(peak.json.output, "peak 4", "the four predictions overlapped in the one worker");
    for (const [index, caller] of CALLERS.entries()) {
      const { json } = talks[index];
      assert.equal(json.status, "succeeded", talks[index].text);
      assert.equal(json.output, `[${caller}] ok ${MASK}`);
      // Console and both streams, in order; the secret split across two writes (an await between) is caught.
      assert.equal(json.logs, `[${caller}] starts with ${MASK}\n[${caller}] split ${MASK} end\n[${caller}] done, context {}\n`);
      for (const other of CALLERS) if (other !== caller) assert.ok(!json.logs.includes(other), `${other}'s logs are not in ${caller}'s`);
    }
  });

  it("sends what a prediction prints after it returned, and what its child processes print, to the server's log, redacted", async () => {
    const child = await predict(server.url, { input: { action: "child", caller: "erin", token: canary("erin") } });
    replies.push(child);
    assert.equal(child.json.status, "succeeded");
    assert.equal(child.json.logs, "", "a child process writes to the file descriptors, not to the prediction");
    await waitForLog(/\[erin\] from a child \*{10}\n/);
    for (const caller of CALLERS) await waitForLog(new RegExp(`\\[${caller}\\] after the end \\*{10}\n`));
    for (const reply of replies) assert.ok(!reply.json.logs.includes("after the end"));
  });

  it("answers 409 beyond its capacity and says BUSY while full, READY again after", async () => {
    const waits = ["w1", "w2", "w3", "w4"].map((caller) => predict(server.url, { input: { action: "wait", caller, ms: 1500 } }));
    await waitForHealth(server.url, "BUSY", 10_000);
    const refused = await predict(server.url, { input: { action: "peak" } });
    assert.equal(refused.status, 409);
    assert.deepEqual(refused.json, { error: "At capacity - all prediction slots busy", status: "failed" });
    for (const reply of await Promise.all(waits)) assert.equal(reply.json.output, `[${reply.json.input.caller}] waited`);
    await waitForHealth(server.url, "READY", 10_000);
  });

  it("cancels one prediction while the others run on, aborting its currentScope().signal", async () => {
    const long = call("PUT", `${server.url}/predictions/long`, { body: { input: { action: "wait", caller: "long", ms: 2000 } } });
    const doomed = call("PUT", `${server.url}/predictions/doomed`, { body: { input: { action: "wait", caller: "doomed", ms: 30_000 } } });
    await waitForLog(/\[doomed\] waiting/);
    const cancel = await call("POST", `${server.url}/predictions/doomed/cancel`);
    assert.equal(cancel.status, 200);
    const canceled = await doomed;
    assert.equal(canceled.json.status, "canceled");
    // The predictor saw the signal abort: its slot is free again at once, not after 30 s.
    await waitForLog(/\[doomed\] aborted/);
    const finished = await long;
    assert.equal(finished.json.status, "succeeded");
    assert.equal(finished.json.output, "[long] waited");
    assert.equal(finished.json.logs, "[long] waiting\n[long] waited\n");
    await waitForHealth(server.url, "READY", 10_000);
  });

  it("keeps every caller's canary out of every response and the server's log", () => {
    assert.ok(replies.length >= CALLERS.length + 1);
    const texts = Object.fromEntries(replies.map((reply, index) => [`response ${index}`, reply.text]));
    assertNoLeaks({ ...texts, "server log": server.stderr() }, [...CANARIES, canary("erin")], "a caller's token");
  });

  it("takes COG_MAX_CONCURRENCY over @Concurrent: 1 means one at a time (409 for a second)", async () => {
    const one = await startServe({ cwd: fixture, env: { COG_MAX_CONCURRENCY: "1" } });
    const first = predict(one.url, { input: { action: "wait", caller: "first", ms: 1500 } });
    await waitForHealth(one.url, "BUSY", 10_000);
    const second = await predict(one.url, { input: { action: "peak" } });
    assert.equal(second.status, 409);
    assert.equal((await first).json.status, "succeeded");
    await one.stop();
  });

  it("fails setup when the deployment asks a sync predict() for more than one at once, saying what to do", async () => {
    const sync = await startServe({ cwd: fixture, args: ["predict.ts:Sync"], env: { COG_MAX_CONCURRENCY: "3" }, until: "SETUP_FAILED" });
    const health = await call("GET", `${sync.url}/health-check`);
    const { setup } = health.json;
    assert.equal(setup.status, "failed");
    assert.match(setup.logs, /COG_MAX_CONCURRENCY=3 asks for 3 predictions at once, which needs an async predict\(\)/);
    assert.match(setup.logs, /--concurrency/);
    // Nothing of the refused setup is left running (a setup timer once kept the process alive for 300 s).
    const exit = await sync.stop(5000);
    assert.equal(exit.signal, null, `it stopped on SIGTERM by itself:\n${sync.stderr()}`);
    assert.doesNotMatch(sync.stderr(), /unexpected failure/);
  });

  it("streams two callers' server-sent events at once from one worker, each its own and redacted", async () => {
    const streamer = await startServe({ cwd: fixture, args: ["predict.ts:Streamer"] });
    const read = async (caller: string) => {
      const response = await postEventStream(streamer.url, { input: { caller, token: canary(caller) } });
      assert.equal(response.status, 200);
      const events: SseEvent[] = [];
      for await (const event of response.events) events.push(event);
      return events;
    };
    const [first, second] = await Promise.all([read("alice"), read("bob")]);
    for (const [caller, events] of [["alice", first] as const, ["bob", second] as const]) {
      const text = events.map((event) => event.raw).join("\n");
      assert.equal(events.at(-1)?.event, "completed");
      const chunks = events.filter((event) => event.event === "output").map((event) => event.data.chunk);
      assert.equal(chunks.join(""), `[${caller}] one ${MASK} [${caller}] two`);
      const logs = events.filter((event) => event.event === "log").map((event) => event.data.data);
      assert.equal(logs.join(""), `[${caller}] yields\n`.repeat(4));
      assertNoLeaks({ [`${caller}'s events`]: text }, CANARIES, "a caller's token");
      const other = caller === "alice" ? "bob" : "alice";
      assert.ok(!text.includes(`[${other}]`), `${other}'s events are not in ${caller}'s stream`);
    }
    assertNoLeaks({ "server log": streamer.stderr() }, CANARIES, "a caller's token");
    await streamer.stop();
  });

  async function waitForLog(pattern: RegExp): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!pattern.test(server.stderr())) {
      if (Date.now() > deadline) throw new Error(`the server's log never showed ${pattern}:\n${server.stderr()}`);
      await sleepMs(25);
    }
  }
});
