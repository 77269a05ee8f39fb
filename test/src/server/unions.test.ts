// JSON-native union inputs (Cog 0.21) over HTTP: JSON is validated as given, with no coercion; a value of
// any member passes, anything else is a 422. Served from the `predict/unions` fixture.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fixturePath } from "../support/project.js";
import { call, predict } from "./support/http.js";
import { type ServeProcess, startServe, stopAll } from "./support/serve-process.js";

let server: ServeProcess;

describe("tsc-cog serve: union inputs", { timeout: 120_000 }, () => {
  before(async () => {
    server = await startServe({ cwd: fixturePath("predict", "unions") });
  });
  after(stopAll);

  it("accepts a number and a string for `string | number`, and passes them on unchanged", async () => {
    for (const [value, type] of [
      [5, "number"],
      ["x", "string"],
      ["5", "string"],
    ] as const) {
      const reply = await predict(server.url, { input: { value } });
      assert.equal(reply.status, 200, JSON.stringify(reply.json));
      assert.equal(reply.json.status, "succeeded");
      assert.deepEqual(reply.json.output.value, { value, type });
    }
  });

  it("rejects true for `string | number` with a 422 that names JSON types", async () => {
    const reply = await predict(server.url, { input: { value: true } });
    assert.equal(reply.status, 422);
    assert.deepEqual(reply.json.detail, [
      { loc: ["body", "input", "value"], msg: "expected string or number, got boolean", type: "value_error" },
    ]);
  });

  it("rejects a string for `number[] | boolean` (no coercion) and accepts a list", async () => {
    const bad = await predict(server.url, { input: { value: 1, counts: "3" } });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.detail[0].msg, "expected array of number or boolean, got string");
    const good = await predict(server.url, { input: { value: 1, counts: [1, 2.5] } });
    assert.equal(good.status, 200);
    assert.deepEqual(good.json.output.counts, { value: [1, 2.5], type: "array" });
  });

  it("publishes the union as anyOf in /openapi.json", async () => {
    const reply = await call("GET", `${server.url}/openapi.json`);
    assert.deepEqual(reply.json.components.schemas.Input.properties.value, {
      anyOf: [{ type: "string" }, { type: "number" }],
      description: "Text or a number",
      title: "Value",
      "x-order": 0,
    });
    assert.deepEqual(reply.json.components.schemas.Input.required, ["value"]);
  });
});
