// Asynchronous predictions (`Prefer: respond-async`) and their webhooks, delivered to a local receiver:
// events, filters, throttling, the bearer token, and retries of the terminal event.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { serverFixture } from "../support/project.js";
import { call, predict } from "./support/http.js";
import { type ServeProcess, startServe, stopAll } from "./support/serve-process.js";
import { WebhookReceiver } from "./support/webhook-receiver.js";

const TOKEN = "webhook-bearer-token-Zx81";
let stream: ServeProcess;
let basic: ServeProcess;
const receiver = new WebhookReceiver();

describe("tsc-cog serve: async predictions and webhooks", { timeout: 120_000 }, () => {
  before(async () => {
    await receiver.start();
    [stream, basic] = await Promise.all([
      startServe({ cwd: serverFixture("stream"), env: { WEBHOOK_AUTH_TOKEN: TOKEN } }),
      startServe({ cwd: serverFixture("basic"), args: ["--concurrency", "2"], env: { WEBHOOK_AUTH_TOKEN: TOKEN } }),
    ]);
  });
  after(async () => {
    await stopAll();
    await receiver.close();
  });

  it("answers 202 at once with status starting, and sends start, output, logs and completed", async () => {
    const reply = await predict(
      stream.url,
      { id: "all-events", input: { n: 4, gap_ms: 300 }, webhook: `${receiver.url}/all` },
      { async: true },
    );
    assert.equal(reply.status, 202);
    assert.equal(reply.json.id, "all-events");
    assert.equal(reply.json.status, "starting");
    assert.deepEqual(reply.json.input, { n: 4, gap_ms: 300 });
    const completed = await receiver.completed("/all");
    const all = receiver.to("/all");
    assert.equal(all[0].body.status, "processing", "the first webhook is the start event");
    assert.ok(all.length >= 3, `start, intermediate and completed events (got ${all.length})`);
    assert.ok(
      all.slice(1, -1).some((d) => d.body.output?.length > 0 && d.body.logs.includes("chunk")),
      "intermediate events carry output and logs",
    );
    assert.equal(completed, all.at(-1), "completed is the last event");
    assert.equal(completed.body.status, "succeeded");
    assert.deepEqual(completed.body.output, ["part0 ", "part1 ", "part2 ", "part3 "]);
    assert.equal(completed.body.logs, "chunk 0\nchunk 1\nchunk 2\nchunk 3\n");
    assert.equal(typeof completed.body.metrics.predict_time, "number");
    assert.equal(completed.body.webhook, `${receiver.url}/all`);
    for (const delivery of all) {
      assert.equal(delivery.headers.authorization, `Bearer ${TOKEN}`);
      assert.match(String(delivery.headers["content-type"]), /application\/json/);
      assert.match(String(delivery.headers["user-agent"]), /^tsc-cog\//);
    }
  });

  it("throttles non-terminal events to one per 500 ms", async () => {
    await predict(stream.url, { input: { n: 12, gap_ms: 60 }, webhook: `${receiver.url}/throttle` }, { async: true });
    await receiver.completed("/throttle");
    const all = receiver.to("/throttle");
    const nonTerminal = all.slice(0, -1);
    for (let i = 1; i < nonTerminal.length; i++) {
      assert.ok(
        nonTerminal[i].at - nonTerminal[i - 1].at >= 450,
        `events ${i - 1} and ${i} are ${nonTerminal[i].at - nonTerminal[i - 1].at} ms apart`,
      );
    }
    assert.ok(all.length < 12, `12 outputs in ~720 ms give a few events, not one each (got ${all.length})`);
    assert.equal(all.at(-1)?.body.output.length, 12);
  });

  it("sends only the events in webhook_events_filter", async () => {
    await predict(
      stream.url,
      { input: { n: 3, gap_ms: 50 }, webhook: `${receiver.url}/only-completed`, webhook_events_filter: ["completed"] },
      { async: true },
    );
    const completed = await receiver.completed("/only-completed");
    assert.deepEqual(
      receiver.to("/only-completed").map((d) => d.body.status),
      ["succeeded"],
    );
    assert.deepEqual(completed.body.webhook_events_filter, ["completed"]);
  });

  it("retries the terminal event with backoff when the receiver answers 503", async () => {
    receiver.failFirst("/retry", 3, 503);
    await predict(
      basic.url,
      { input: { text: "retry" }, webhook: `${receiver.url}/retry`, webhook_events_filter: ["completed"] },
      { async: true },
    );
    const completed = await receiver.completed("/retry", 20_000);
    assert.equal(completed.body.status, "succeeded");
    const attempts = receiver.deliveries.filter((d) => d.path === "/retry");
    assert.equal(attempts.length, 4, "three refused attempts, then the delivered one");
    assert.ok(attempts[3].at - attempts[0].at >= 100 + 200 + 400 - 50, "waits 100, 200, 400 ms between attempts");
  });

  it("a failed async prediction completes with status failed and its error", async () => {
    await predict(basic.url, { input: { text: "boom", action: "fail" }, webhook: `${receiver.url}/failed` }, { async: true });
    const completed = await receiver.completed("/failed");
    assert.equal(completed.body.status, "failed");
    assert.equal(completed.body.error, "asked to fail with boom");
  });

  it("GET shows an async prediction in flight, then finished; a PUT of its id gives 202 with its current state", async () => {
    const started = await call("PUT", `${basic.url}/predictions/async-put`, {
      body: { input: { text: "slow", action: "sleep", sleep_ms: 800 } },
      headers: { prefer: "respond-async" },
    });
    assert.equal(started.status, 202);
    const again = await call("PUT", `${basic.url}/predictions/async-put`, {
      body: { input: { text: "ignored" } },
      headers: { prefer: "respond-async" },
    });
    assert.equal(again.status, 202);
    assert.equal(again.json.id, "async-put");
    assert.equal(again.json.input.text, "slow", "the repeat echoes the original input");
    assert.match(again.json.status, /^(starting|processing)$/);
    const during = await call("GET", `${basic.url}/predictions/async-put`);
    assert.equal(during.json.status, "processing");
    const deadline = Date.now() + 10_000;
    let last = during;
    while (last.json.status === "processing" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      last = await call("GET", `${basic.url}/predictions/async-put`);
    }
    assert.equal(last.json.status, "succeeded");
    assert.equal(last.json.logs, "sleeping 800 ms for slow\n");
  });

  it("an async prediction without a webhook can be polled", async () => {
    const reply = await predict(basic.url, { input: { text: "poll" } }, { async: true });
    assert.equal(reply.status, 202);
    const deadline = Date.now() + 10_000;
    let last = reply;
    while (last.json.status !== "succeeded" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      last = await call("GET", `${basic.url}/predictions/${reply.json.id}`);
    }
    assert.equal(last.json.output, "poll|ratio=0.5|tags=|token=none");
  });
});
