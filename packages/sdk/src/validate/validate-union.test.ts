import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describePredictor, validateInputs } from "../engine.js";
import { BasePredictor, Input, Int, Union } from "../index.js";

class Unions extends BasePredictor {
  async predict(
    @Input({ type: Union(String, Number) }) value: string | number,
    @Input({ type: Union([Int], Boolean), default: false }) counts: number[] | boolean,
    @Input({ type: Union(String, Number, null), default: null }) maybe: string | number | null,
  ): Promise<unknown> {
    return [value, counts, maybe];
  }
}

const spec = describePredictor(Unions);
const messagesOf = (given: Record<string, unknown>) => {
  const result = validateInputs(spec, given);
  return result.ok ? [] : result.issues.map((issue) => issue.message);
};

describe("validateInputs with union inputs (JSON as given, no coercion)", () => {
  it("accepts a value of any member", () => {
    for (const given of [{ value: 5 }, { value: 1.5 }, { value: "x" }, { value: "x", counts: [1, 2] }, { value: 1, counts: true }]) {
      assert.deepEqual(messagesOf(given), [], JSON.stringify(given));
    }
  });

  it("rejects a value no member accepts, naming JSON types", () => {
    assert.deepEqual(messagesOf({ value: true }), ['invalid input "value": expected string or number, got boolean']);
    assert.deepEqual(messagesOf({ value: 1, counts: [1.5] }), ['invalid input "counts": expected array of integer or boolean, got array']);
    assert.deepEqual(messagesOf({ value: 1, counts: "3" }), ['invalid input "counts": expected array of integer or boolean, got string']);
  });

  it("fills an omitted optional nullable union with null, and a default", () => {
    const result = validateInputs(spec, { value: "x" });
    assert.ok(result.ok);
    assert.deepEqual(result.values, { value: "x", counts: false, maybe: null });
  });

  it("requires a union without a default", () => {
    assert.deepEqual(messagesOf({}), ['missing required input "value"']);
  });
});

describe("type messages name JSON types", () => {
  class Typed extends BasePredictor {
    async predict(@Input() text: string, @Input({ type: Int, default: 1 }) n: number): Promise<unknown> {
      return [text, n];
    }
  }
  it("says a whole number is a number, never an integer", () => {
    const result = validateInputs(describePredictor(Typed), { text: 5, n: 1.5 });
    assert.ok(!result.ok);
    assert.deepEqual(
      result.issues.map((issue) => issue.message),
      ['invalid input "text": expected string, got number', 'invalid input "n": expected integer, got number'],
    );
  });
});
