// Server-sent events (`Accept: text/event-stream`) from a @Streaming() predictor, read by a real
// client on 127.0.0.1: Cog's events and payloads, 406 without @Streaming(), cancel on disconnect, and
// a secret split across two chunks that no event ever holds.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { serverFixture } from "../support/project.js";
import { postEventStream, type SseEvent } from "./support/event-stream.js";
import { call } from "./support/http.js";
import { type ServeProcess, startServe, stopAll } from "./support/serve-process.js";

const CANARY = "tsc-cog-CANARY-sse-9f3k27";
let sse: ServeProcess;
let plain: ServeProcess;

async function collect(events: AsyncGenerator<SseEvent>): Promise<SseEvent[]> {
  const all: SseEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe("tsc-cog serve: server-sent events", { timeout: 120_000 }, () => {
  before(async () => {
    [sse, plain] = await Promise.all([startServe({ cwd: serverFixture("sse") }), startServe({ cwd: serverFixture("stream") })]);
  });
  after(() => stopAll());

  it("streams start, then each token as it is yielded, then completed, and ends", async () => {
    const stream = await postEventStream(sse.url, { id: "sse-tokens", input: { n: 3, gap_ms: 400 } });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get("content-type") ?? "", /^text\/event-stream/);
    assert.equal(stream.headers.get("cache-control"), "no-cache");
    const seen: SseEvent[] = [];
    let statusAtFirstToken: string | undefined;
    for await (const event of stream.events) {
      seen.push(event);
      if (event.event === "output" && event.data.index === 0) {
        statusAtFirstToken = (await call("GET", `${sse.url}/predictions/sse-tokens`)).json.status;
      }
    }
    assert.equal(statusAtFirstToken, "processing", "the first token arrives while the prediction still runs");
    assert.deepEqual(seen[0], {
      event: "start",
      data: { id: "sse-tokens", status: "processing" },
      raw: '{"id":"sse-tokens","status":"processing"}',
    });
    assert.deepEqual(
      seen.filter((e) => e.event === "output").map((e) => e.data),
      [
        { chunk: "tok0 ", index: 0 },
        { chunk: "tok1 ", index: 1 },
        { chunk: "tok2 ", index: 2 },
      ],
    );
    assert.equal(
      seen
        .filter((e) => e.event === "log")
        .map((e) => e.data.data)
        .join(""),
      "token 0\ntoken 1\ntoken 2\n",
    );
    for (const log of seen.filter((e) => e.event === "log")) assert.equal(log.data.source, "stdout");
    const last = seen.at(-1);
    assert.equal(last?.event, "completed", "completed is the last event");
    assert.equal(seen.filter((e) => e.event === "completed").length, 1);
    assert.deepEqual(Object.keys(last?.data), ["id", "logs", "metrics", "output", "status"]);
    assert.equal(last?.data.status, "succeeded");
    assert.deepEqual(last?.data.output, ["tok0 ", "tok1 ", "tok2 "]);
    assert.equal(last?.data.logs, "token 0\ntoken 1\ntoken 2\n");
    assert.equal(typeof last?.data.metrics.predict_time, "number");
    for (const event of seen) assert.ok(!event.raw.includes("\n"), "each event's data is one line of JSON");
  });

  it("ends a failing stream with completed: failed, the error and the chunks so far", async () => {
    const stream = await postEventStream(sse.url, { input: { mode: "fail" } });
    const seen = await collect(stream.events);
    assert.deepEqual(
      seen.filter((e) => e.event === "output").map((e) => e.data),
      [{ chunk: "tok0 ", index: 0 }],
    );
    const last = seen.at(-1);
    assert.equal(last?.event, "completed");
    assert.equal(last?.data.status, "failed");
    assert.match(last?.data.error, /the stream broke/);
    assert.deepEqual(last?.data.output, ["tok0 "]);
  });

  it("never sends a secret split across two chunks (nor two log writes), in any event", async () => {
    const stream = await postEventStream(sse.url, { input: { mode: "split", key: CANARY, gap_ms: 300 } });
    const seen = await collect(stream.events);
    const all = seen.map((e) => e.raw).join("\n");
    assert.ok(!all.includes(CANARY), all);
    assert.ok(!all.includes(CANARY.slice(0, 12)) || !all.includes(CANARY.slice(12)), "the halves are not both shown");
    assert.ok(all.includes("**********"), "the secret is masked");
    const last = seen.at(-1);
    assert.equal(last?.event, "completed");
    assert.equal(last?.data.status, "succeeded");
    assert.equal(last?.data.output.join(""), "before ********** after");
    assert.equal(last?.data.logs, "log ********** done\n");
    assert.equal(
      seen
        .filter((e) => e.event === "output")
        .map((e) => e.data.chunk)
        .join(""),
      "before ********** after",
      "the chunks, joined, are the masked text",
    );
  });

  it("cancels the prediction when the client disconnects", async () => {
    const stream = await postEventStream(sse.url, { id: "sse-drop", input: { mode: "hang" } });
    for await (const event of stream.events) if (event.event === "output") break;
    stream.close();
    let status: string | undefined;
    for (let i = 0; i < 100 && status !== "canceled"; i++) {
      status = (await call("GET", `${sse.url}/predictions/sse-drop`)).json.status;
      if (status !== "canceled") await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(status, "canceled");
  });

  it("answers 406 for a predictor without @Streaming(), even a generator, before validating", async () => {
    const stream = await postEventStream(plain.url, { input: { n: "not a number" } });
    assert.equal(stream.status, 406);
    assert.deepEqual(JSON.parse(await stream.text), {
      error: "This model does not support streaming responses. Add @Streaming() to predict() to enable SSE.",
    });
  });

  it("marks the schema of a streaming predictor with x-cog-streaming, as Cog does", async () => {
    const streaming = await call("GET", `${sse.url}/openapi.json`);
    assert.equal(streaming.json.paths["/predictions"].post["x-cog-streaming"], true);
    const not = await call("GET", `${plain.url}/openapi.json`);
    assert.equal(not.json.paths["/predictions"].post["x-cog-streaming"], undefined);
  });

  it("still answers 422 as JSON for bad input to a streaming predictor", async () => {
    const stream = await postEventStream(sse.url, { input: { n: 0 } });
    assert.equal(stream.status, 422);
    assert.equal(JSON.parse(await stream.text).detail[0].loc[2], "n");
  });
});
