import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePredictionRequest } from "./prediction-request.js";

test("a PredictionRequest defaults input and context to {} and the events filter to all four", () => {
  assert.deepEqual(parsePredictionRequest({}), {
    ok: true,
    request: { input: {}, webhookEventsFilter: ["start", "output", "logs", "completed"], context: {} },
  });
  assert.deepEqual(
    parsePredictionRequest({ id: "x", input: null, webhook: "https://h.example/w", webhook_events_filter: ["completed", "completed"] }),
    {
      ok: true,
      request: { id: "x", input: {}, webhook: "https://h.example/w", webhookEventsFilter: ["completed"], context: {} },
    },
  );
});

test("a request's context is kept as a map of strings; anything else in it is a 422", () => {
  const parsed = parsePredictionRequest({ context: { api_token: "t0ken-value", region: "eu" } });
  assert.deepEqual(parsed.ok && parsed.request.context, { api_token: "t0ken-value", region: "eu" });
  for (const context of [[], "x", { a: null }, { a: ["b"] }]) {
    const refused = parsePredictionRequest({ context });
    assert.deepEqual(!refused.ok && refused.detail.map((d) => d.loc.join(".")), ["body.context"], JSON.stringify(context));
  }
});

test("every badly shaped field is reported, with its loc", () => {
  const parsed = parsePredictionRequest({ id: 3, input: [], webhook: "file:///x", webhook_events_filter: "start", context: { a: 1 } });
  assert.equal(parsed.ok, false);
  assert.deepEqual(!parsed.ok && parsed.detail.map((d) => [d.loc.join("."), d.type]), [
    ["body.id", "type_error.str"],
    ["body.input", "type_error.dict"],
    ["body.webhook", "value_error.url.scheme"],
    ["body.webhook_events_filter", "type_error.list"],
    ["body.context", "type_error.dict"],
  ]);
});
