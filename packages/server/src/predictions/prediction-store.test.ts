import assert from "node:assert/strict";
import { test } from "node:test";
import { Prediction } from "./prediction.js";
import { PredictionStore } from "./prediction-store.js";

const make = (id: string) => new Prediction({ id, values: {}, webhookEventsFilter: [] });

test("finished predictions stay readable for the TTL, then are gone", () => {
  let now = 0;
  const store = new PredictionStore({ ttlMs: 600_000, now: () => now });
  const prediction = make("a");
  store.add(prediction);
  assert.deepEqual(store.get("a"), { kind: "active", prediction });
  store.finish(prediction, '{"id":"a"}');
  now = 599_999;
  assert.deepEqual(store.get("a"), { kind: "finished", json: '{"id":"a"}', invalid: false, expiresAt: 600_000 });
  now = 600_001;
  assert.equal(store.get("a"), undefined);
});

test("the store is bounded by count and by size, oldest finished first out; in-flight ones are never evicted", () => {
  const store = new PredictionStore({ maxFinished: 3, maxBytes: 100 });
  const running = make("running");
  store.add(running);
  for (const id of ["p1", "p2", "p3", "p4"]) {
    const prediction = make(id);
    store.add(prediction);
    store.finish(prediction, "x".repeat(10));
  }
  assert.equal(store.get("p1"), undefined);
  assert.deepEqual(
    ["p2", "p3", "p4"].map((id) => store.get(id) !== undefined),
    [true, true, true],
  );
  const big = make("big");
  store.add(big);
  store.finish(big, "y".repeat(90));
  assert.equal(store.get("p2"), undefined);
  assert.equal(store.get("big")?.kind, "finished");
  assert.deepEqual(store.get("running"), { kind: "active", prediction: running });
});

test("the size bound counts a response's UTF-8 bytes, so text outside ASCII cannot overfill it", () => {
  const store = new PredictionStore({ maxBytes: 100 });
  const json = (id: string) => {
    const stored = store.get(id);
    return stored?.kind === "finished" ? stored.json : undefined;
  };
  for (const id of ["w1", "w2"]) {
    const prediction = make(id);
    store.add(prediction);
    store.finish(prediction, "日".repeat(20)); // 20 characters, 60 bytes
  }
  assert.equal(store.get("w1"), undefined, "60 + 60 bytes is over 100: the older one goes");
  assert.equal(json("w2"), "日".repeat(20));
  for (const id of ["a1", "a2"]) {
    const prediction = make(id);
    store.add(prediction);
    store.finish(prediction, "x".repeat(20));
  }
  assert.deepEqual(
    ["w2", "a1", "a2"].map((id) => json(id)?.length),
    [20, 20, 20],
    "60 + 20 + 20 bytes fit",
  );
});
