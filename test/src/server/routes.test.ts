// `tsc-cog serve` over real HTTP: every route and status code of Cog's prediction API, sync predictions,
// validation without coercion, idempotent PUT, body limits and the OpenAPI document.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import SwaggerParser from "@apidevtools/swagger-parser";
import { runCli } from "../support/cli.js";
import { serverFixture } from "../support/project.js";
import { call, predict } from "./support/http.js";
import { type ServeProcess, startServe, stopAll } from "./support/serve-process.js";

const BASIC = serverFixture("basic");
let server: ServeProcess;

describe("tsc-cog serve: routes and status codes", { timeout: 120_000 }, () => {
  before(async () => {
    server = await startServe({ cwd: BASIC, env: { TSC_COG_MAX_BODY_BYTES: "4096" } });
  });
  after(stopAll);

  it("GET / lists Cog's endpoints", async () => {
    const reply = await call("GET", `${server.url}/`);
    assert.equal(reply.status, 200);
    assert.equal(reply.json.predictions_url, "/predictions");
    assert.equal(reply.json.predictions_idempotent_url, "/predictions/{prediction_id}");
    assert.equal(reply.json.predictions_cancel_url, "/predictions/{prediction_id}/cancel");
    assert.equal(reply.json.healthcheck_url, "/health-check");
    assert.equal(reply.json.openapi_url, "/openapi.json");
    assert.equal(reply.json.shutdown_url, "/shutdown");
  });

  it("GET /health-check says READY with the setup's status, timestamps and logs", async () => {
    const reply = await call("GET", `${server.url}/health-check`);
    assert.equal(reply.status, 200);
    assert.equal(reply.json.status, "READY");
    assert.equal(reply.json.setup.status, "succeeded");
    assert.equal(reply.json.setup.logs, "");
    assert.ok(Date.parse(reply.json.setup.started_at) <= Date.parse(reply.json.setup.completed_at));
  });

  it("GET /openapi.json is exactly `tsc-cog schema`'s document, and a valid OpenAPI 3.0 document", async () => {
    const reply = await call("GET", `${server.url}/openapi.json`);
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get("content-type") ?? "", /application\/json/);
    const schema = await runCli(["schema"], { cwd: BASIC, timeoutMs: 30_000 });
    assert.equal(schema.code, 0, schema.stderr);
    const printed = JSON.parse(schema.stdout);
    assert.deepEqual(reply.json, printed);
    await SwaggerParser.validate(structuredClone(reply.json));
  });

  it("POST /predictions runs a sync prediction: 200, output, defaults echoed, logs, metrics", async () => {
    const reply = await predict(server.url, { input: { text: "hi", count: 2, action: "print" } });
    assert.equal(reply.status, 200);
    assert.equal(reply.json.status, "succeeded");
    assert.equal(reply.json.output, "hihi|ratio=0.5|tags=|token=none");
    assert.deepEqual(reply.json.input, {
      text: "hi",
      count: 2,
      ratio: 0.5,
      loud: false,
      action: "print",
      sleep_ms: 0,
      tags: [],
      token: null,
    });
    assert.equal(reply.json.logs, "stdout line for hi\nstderr line for hi\n");
    assert.equal(reply.json.error, null);
    assert.equal(typeof reply.json.metrics.predict_time, "number");
    assert.match(reply.json.id, /^pred_[0-9a-f]+$/);
    for (const field of ["created_at", "started_at", "completed_at"]) assert.ok(Date.parse(reply.json[field]) > 0, field);
  });

  it("each prediction's logs hold only what it printed, without the worker's boundary lines", async () => {
    const first = await predict(server.url, { input: { text: "one", action: "print" } });
    const quiet = await predict(server.url, { input: { text: "two" } });
    const third = await predict(server.url, { input: { text: "three", action: "print" } });
    assert.equal(first.json.logs, "stdout line for one\nstderr line for one\n");
    assert.equal(quiet.json.logs, "");
    assert.equal(third.json.logs, "stdout line for three\nstderr line for three\n");
    assert.doesNotMatch(server.stderr(), /tsc-cog-log-boundary/);
  });

  it("a predictor that throws gives 200 with status failed, the error, and the stack in logs", async () => {
    const reply = await predict(server.url, { input: { text: "x", action: "fail" } });
    assert.equal(reply.status, 200);
    assert.equal(reply.json.status, "failed");
    assert.equal(reply.json.error, "asked to fail with x");
    assert.equal(reply.json.output, null);
    assert.match(reply.json.logs, /^Error: asked to fail with x\n {4}at Predictor\.predict \(.*predict\.ts:\d+:\d+\)/);
  });

  it("validates against the Input schema with no coercion: 422 per bad field, in input order", async () => {
    const reply = await predict(server.url, { input: { text: 5, count: "5", loud: "true", action: "dance" } });
    assert.equal(reply.status, 422);
    assert.deepEqual(reply.json, {
      detail: [
        { loc: ["body", "input", "text"], msg: "expected string, got number", type: "value_error" },
        { loc: ["body", "input", "count"], msg: "expected integer, got string", type: "value_error" },
        { loc: ["body", "input", "loud"], msg: "expected boolean, got string", type: "value_error" },
        { loc: ["body", "input", "action"], msg: "must be one of: echo, fail, sleep, print, exit, kill", type: "value_error" },
      ],
    });
  });

  it("reports constraint violations and missing inputs as Cog does", async () => {
    const range = await predict(server.url, { input: { text: "a", count: 9, tags: ["x", 1] } });
    assert.equal(range.status, 422);
    assert.deepEqual(range.json.detail, [
      { loc: ["body", "input", "count"], msg: "number must be at most 5", type: "value_error" },
      { loc: ["body", "input", "tags"], msg: "item 1: expected string, got number", type: "value_error" },
    ]);
    for (const body of [{}, { input: {} }, { input: null }]) {
      const missing = await predict(server.url, body);
      assert.equal(missing.status, 422);
      assert.deepEqual(missing.json, { detail: [{ loc: ["body", "input", "text"], msg: "Field required", type: "value_error.missing" }] });
    }
    const empty = await call("POST", `${server.url}/predictions`);
    assert.equal(empty.status, 422, "a request without a body is {}");
  });

  it("drops unknown inputs, as Cog does", async () => {
    const reply = await predict(server.url, { input: { text: "ok", nope: 1, other: "x" } });
    assert.equal(reply.status, 200);
    assert.equal(reply.json.status, "succeeded");
    assert.equal(Object.hasOwn(reply.json.input, "nope"), false);
  });

  it("rejects request fields of the wrong shape with 422", async () => {
    const reply = await predict(server.url, { input: 5, webhook: "ftp://x", webhook_events_filter: ["start", "bogus"] });
    assert.equal(reply.status, 422);
    assert.deepEqual(
      reply.json.detail.map((d: { loc: unknown[] }) => d.loc),
      [
        ["body", "input"],
        ["body", "webhook"],
        ["body", "webhook_events_filter", 1],
      ],
    );
  });

  it("answers malformed JSON, non-object bodies and over-deep JSON with a 400 JSON error, never 500", async () => {
    for (const raw of ['{"input": {', "[1,2]", '"text"', "42", "null", `${"[".repeat(200)}${"]".repeat(200)}`, "\u0000"]) {
      const reply = await call("POST", `${server.url}/predictions`, { raw, headers: { "content-type": "application/json" } });
      assert.equal(reply.status, 400, raw.slice(0, 20));
      assert.equal(typeof reply.json.detail, "string");
    }
    const form = await call("POST", `${server.url}/predictions`, {
      raw: "text=hi",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(form.status, 400);
  });

  it("reads JSON bodies whatever their content type (curl -d without a header)", async () => {
    const reply = await call("POST", `${server.url}/predictions`, {
      raw: '{"input":{"text":"plain"}}',
      headers: { "content-type": "text/plain" },
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.json.status, "succeeded");
  });

  it("refuses a body over the limit with 413", async () => {
    const reply = await predict(server.url, { input: { text: "x".repeat(10_000) } });
    assert.equal(reply.status, 413);
    assert.match(reply.json.detail, /larger than the limit of 4096 bytes/);
  });

  it("PUT /predictions/{id} is idempotent: the same id gives the same prediction", async () => {
    const first = await call("PUT", `${server.url}/predictions/put-once`, { body: { input: { text: "put" } } });
    assert.equal(first.status, 200);
    assert.equal(first.json.id, "put-once");
    const again = await call("PUT", `${server.url}/predictions/put-once`, { body: { input: { text: "different" } } });
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, first.json, "a repeated PUT does not run the prediction again");
    const read = await call("GET", `${server.url}/predictions/put-once`);
    assert.deepEqual(read.json, first.json);
  });

  it("PUT with a body id that differs from the URL's is 422 with Cog's message", async () => {
    const reply = await call("PUT", `${server.url}/predictions/url-id`, { body: { id: "body-id", input: { text: "x" } } });
    assert.equal(reply.status, 422);
    assert.deepEqual(reply.json, {
      detail: [{ loc: ["body", "id"], msg: "prediction ID must match the ID supplied in the URL", type: "value_error" }],
    });
  });

  it("GET /predictions/{id} reads a finished prediction; unknown ids are 404", async () => {
    const done = await predict(server.url, { id: "read-me", input: { text: "r" } });
    const read = await call("GET", `${server.url}/predictions/read-me`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.json, done.json);
    const missing = await call("GET", `${server.url}/predictions/never-was`);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { detail: "Not Found" });
  });

  it("POST /predictions/{id}/cancel of an unknown or finished prediction is 404 {}", async () => {
    const unknown = await call("POST", `${server.url}/predictions/nobody/cancel`);
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.json, {});
    const finished = await call("POST", `${server.url}/predictions/read-me/cancel`);
    assert.equal(finished.status, 404);
  });

  it("asks for server-sent events get 406, as Cog answers for a model without streaming", async () => {
    const reply = await call("POST", `${server.url}/predictions`, {
      body: { input: { text: "x" } },
      headers: { accept: "text/event-stream" },
    });
    assert.equal(reply.status, 406);
    assert.match(reply.json.error, /does not support streaming/);
  });

  it("unknown routes are 404 JSON", async () => {
    const reply = await call("GET", `${server.url}/nope`);
    assert.equal(reply.status, 404);
    assert.deepEqual(reply.json, { detail: "Not Found" });
  });

  it("POST /shutdown answers 200 {} and the server exits 0", async () => {
    const reply = await call("POST", `${server.url}/shutdown`);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, {});
    const exit = await server.exited;
    assert.deepEqual(exit, { code: 0, signal: null });
  });
});
