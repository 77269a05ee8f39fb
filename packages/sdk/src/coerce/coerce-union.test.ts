import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { coerceText, type InputSpec, type MemberType } from "../engine.js";

type Member = "string" | "integer" | "number" | "boolean" | "object" | "string[]" | "integer[]";

const member = (name: Member): MemberType =>
  name.endsWith("[]") ? { base: name.slice(0, -2) as MemberType["base"], list: true } : { base: name as MemberType["base"], list: false };

const unionOf = (...members: Member[]): InputSpec => ({
  name: "x",
  order: 0,
  type: { base: "union", list: false, members: members.map(member) },
  nullable: false,
  required: true,
  hasDefault: false,
  origin: { className: "Test", method: "predict", parameterIndex: 0 },
});

// Cog 0.21's results (reference §2, pkg/predict/input.go coerceScalarValue).
const cases: { members: Member[]; text: string | string[]; expected: unknown }[] = [
  { members: ["string", "number"], text: "5", expected: 5 },
  { members: ["string", "number"], text: "1.5", expected: 1.5 },
  { members: ["string", "number"], text: "hello", expected: "hello" },
  { members: ["string", "number"], text: "true", expected: "true" },
  { members: ["string", "integer"], text: "5", expected: 5 },
  { members: ["string", "integer"], text: "1.5", expected: "1.5" },
  { members: ["integer", "number"], text: "1.5", expected: 1.5 },
  { members: ["integer", "boolean"], text: "true", expected: true },
  { members: ["integer", "boolean"], text: "1", expected: 1 },
  { members: ["string", "boolean"], text: "TRUE", expected: "TRUE" },
  { members: ["string", "boolean"], text: "t", expected: "t" },
  { members: ["string", "boolean"], text: "false", expected: false },
  { members: ["string", "number"], text: "1e400", expected: "1e400" },
  { members: ["object", "string"], text: '{"a":1}', expected: { a: 1 } },
  { members: ["object", "string"], text: "plain", expected: "plain" },
  { members: ["string", "object"], text: '{"a":1}', expected: '{"a":1}' },
  { members: ["integer[]", "integer"], text: "5", expected: [5] },
  { members: ["integer[]", "integer"], text: "[1,2]", expected: [1, 2] },
  { members: ["string[]", "number"], text: ["a", "b"], expected: ["a", "b"] },
  { members: ["integer", "integer[]"], text: "[1,2]", expected: "[1,2]" },
  { members: ["string", "number"], text: ["1", "x"], expected: [1, "x"] },
];

describe("coerceText for union inputs follows Cog's order", () => {
  for (const { members, text, expected } of cases) {
    it(`reads ${JSON.stringify(text)} for ${members.join(" | ")} as ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(coerceText(unionOf(...members), text), expected);
    });
  }
});
