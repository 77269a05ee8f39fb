import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { type BaseType, coerceScalarText, coerceText, type InputSpec, wrapSecrets } from "../engine.js";
import { isSecret } from "../index.js";

const specOf = (base: BaseType, list = false): InputSpec => ({
  name: "x",
  order: 0,
  type: { base, list },
  nullable: false,
  required: true,
  hasDefault: false,
  origin: { className: "Test", method: "predict", parameterIndex: 0 },
});

/** Secrets compare equal to each other under deepEqual; this makes their values visible to the assertion. */
function reveal(value: unknown): unknown {
  if (isSecret(value)) return { secret: value.getSecretValue() };
  if (Array.isArray(value)) return value.map(reveal);
  return value;
}

const secret = (value: string) => ({ secret: value });

const scalarCases: { base: BaseType; text: string; expected: unknown }[] = [
  // Booleans: exactly true/false, nothing else.
  { base: "boolean", text: "true", expected: true },
  { base: "boolean", text: "false", expected: false },
  { base: "boolean", text: "True", expected: "True" },
  { base: "boolean", text: "FALSE", expected: "FALSE" },
  { base: "boolean", text: "1", expected: "1" },
  { base: "boolean", text: "0", expected: "0" },
  { base: "boolean", text: "yes", expected: "yes" },
  { base: "boolean", text: " true", expected: " true" },
  { base: "boolean", text: "", expected: "" },
  // Integers: whole numbers within the safe range only.
  { base: "integer", text: "5", expected: 5 },
  { base: "integer", text: "-3", expected: -3 },
  { base: "integer", text: "+7", expected: 7 },
  { base: "integer", text: "0", expected: 0 },
  { base: "integer", text: "007", expected: 7 },
  { base: "integer", text: "9007199254740991", expected: 9007199254740991 },
  { base: "integer", text: "9007199254740993", expected: "9007199254740993" },
  { base: "integer", text: "12345678901234567890", expected: "12345678901234567890" },
  { base: "integer", text: "1.5", expected: "1.5" },
  { base: "integer", text: "1.0", expected: "1.0" },
  { base: "integer", text: "1e3", expected: "1e3" },
  { base: "integer", text: "0x10", expected: "0x10" },
  { base: "integer", text: " 5", expected: " 5" },
  { base: "integer", text: "five", expected: "five" },
  { base: "integer", text: "", expected: "" },
  { base: "integer", text: "true", expected: "true" },
  // Numbers: integers and decimals, with exponents; nothing JavaScript-only, nothing infinite.
  { base: "number", text: "5", expected: 5 },
  { base: "number", text: "1.5", expected: 1.5 },
  { base: "number", text: "-3", expected: -3 },
  { base: "number", text: "-0.25", expected: -0.25 },
  { base: "number", text: "1e3", expected: 1000 },
  { base: "number", text: "1E-2", expected: 0.01 },
  { base: "number", text: ".5", expected: 0.5 },
  { base: "number", text: "5.", expected: 5 },
  { base: "number", text: "12345678901234567890", expected: 12345678901234567000 },
  { base: "number", text: "1e400", expected: "1e400" },
  { base: "number", text: "-1e400", expected: "-1e400" },
  { base: "number", text: "NaN", expected: "NaN" },
  { base: "number", text: "Infinity", expected: "Infinity" },
  { base: "number", text: "0x10", expected: "0x10" },
  { base: "number", text: "1_000", expected: "1_000" },
  { base: "number", text: "1.5.2", expected: "1.5.2" },
  { base: "number", text: "", expected: "" },
  { base: "number", text: "abc", expected: "abc" },
  // Strings and paths stay as given.
  { base: "string", text: "5", expected: "5" },
  { base: "string", text: "true", expected: "true" },
  { base: "string", text: '{"a":1}', expected: '{"a":1}' },
  { base: "path", text: "image.png", expected: "image.png" },
  { base: "path", text: "https://example.com/a.png", expected: "https://example.com/a.png" },
  // Objects from JSON text.
  { base: "object", text: '{"a":1}', expected: { a: 1 } },
  { base: "object", text: ' {"role": "user", "parts": [1, {"b": null}]} ', expected: { role: "user", parts: [1, { b: null }] } },
  { base: "object", text: "{not json", expected: "{not json" },
  { base: "object", text: "hello", expected: "hello" },
  // Secrets: every string is wrapped, whatever it looks like.
  { base: "secret", text: "hunter2", expected: secret("hunter2") },
  { base: "secret", text: "", expected: secret("") },
  { base: "secret", text: "true", expected: secret("true") },
  { base: "secret", text: "5", expected: secret("5") },
  { base: "secret", text: '["a"]', expected: secret('["a"]') },
];

describe("coerceScalarText converts one command-line string as Cog's CLI does", () => {
  for (const { base, text, expected } of scalarCases) {
    it(`${base} ← ${JSON.stringify(text)} gives ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(reveal(coerceScalarText(base, text)), expected);
    });
  }
});

const textCases: { base: BaseType; list: boolean; raw: string | string[]; expected: unknown }[] = [
  // Lists: repeated values, one JSON array, or one value as a one-item list.
  { base: "integer", list: true, raw: ["1", "2"], expected: [1, 2] },
  { base: "integer", list: true, raw: "[1, 2]", expected: [1, 2] },
  { base: "integer", list: true, raw: "3", expected: [3] },
  { base: "integer", list: true, raw: ["1", "x"], expected: [1, "x"] },
  { base: "number", list: true, raw: "1.5", expected: [1.5] },
  { base: "boolean", list: true, raw: ["true", "no"], expected: [true, "no"] },
  { base: "string", list: true, raw: "hello", expected: ["hello"] },
  { base: "string", list: true, raw: "a,b", expected: ["a,b"] },
  { base: "string", list: true, raw: '["a", "b"]', expected: ["a", "b"] },
  { base: "string", list: true, raw: ' ["a"]', expected: ["a"] },
  { base: "string", list: true, raw: "[not json", expected: ["[not json"] },
  { base: "string", list: true, raw: ["[1]", "b"], expected: ["[1]", "b"] },
  { base: "path", list: true, raw: ["a.png", "b.png"], expected: ["a.png", "b.png"] },
  { base: "object", list: true, raw: '{"a":1}', expected: [{ a: 1 }] },
  { base: "object", list: true, raw: '[{"a":1}, {"b":2}]', expected: [{ a: 1 }, { b: 2 }] },
  { base: "object", list: true, raw: ['{"a":1}', '{"b":2}'], expected: [{ a: 1 }, { b: 2 }] },
  // Lists of secrets: every item wrapped, however the list arrived.
  { base: "secret", list: true, raw: ["a", "b"], expected: [secret("a"), secret("b")] },
  { base: "secret", list: true, raw: '["a", "b"]', expected: [secret("a"), secret("b")] },
  { base: "secret", list: true, raw: "tok", expected: [secret("tok")] },
  { base: "secret", list: true, raw: "[tok", expected: [secret("[tok")] },
  // A scalar given several times is converted item by item, for validation to reject.
  { base: "integer", list: false, raw: ["1", "2"], expected: [1, 2] },
  { base: "secret", list: false, raw: ["a", "b"], expected: [secret("a"), secret("b")] },
  // A JSON array is only a list for list inputs.
  { base: "string", list: false, raw: "[1, 2]", expected: "[1, 2]" },
  { base: "integer", list: false, raw: "7", expected: 7 },
];

describe("coerceText converts the text of -i name=value by the input's type", () => {
  for (const { base, list, raw, expected } of textCases) {
    it(`${list ? `[${base}]` : base} ← ${JSON.stringify(raw)} gives ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(reveal(coerceText(specOf(base, list), raw)), expected);
    });
  }

  it("never leaves a string given to a secret input raw", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.array(fc.string({ unit: "binary" }), { maxLength: 4 })), (raw) => {
        const scalar = coerceText(specOf("secret"), raw);
        const items = coerceText(specOf("secret", true), raw);
        for (const value of [scalar, ...(Array.isArray(scalar) ? scalar : []), ...(items as unknown[])]) {
          assert.notEqual(typeof value, "string", `a raw string was left in ${JSON.stringify(raw)}`);
        }
        if (typeof raw === "string") assert.equal(isSecret(scalar) && scalar.getSecretValue(), raw);
      }),
      { seed: 314, numRuns: 300, includeErrorInReport: true },
    );
  });
});

describe("wrapSecrets wraps secret values that arrive as JSON", () => {
  const cases: { base: BaseType; list: boolean; value: unknown; expected: unknown }[] = [
    { base: "secret", list: false, value: "hunter2", expected: secret("hunter2") },
    { base: "secret", list: false, value: "", expected: secret("") },
    { base: "secret", list: false, value: null, expected: null },
    { base: "secret", list: false, value: 12345678, expected: 12345678 },
    { base: "secret", list: true, value: ["a", "b"], expected: [secret("a"), secret("b")] },
    { base: "secret", list: true, value: ["a", 5, null], expected: [secret("a"), 5, null] },
    { base: "string", list: false, value: "plain", expected: "plain" },
    { base: "string", list: true, value: ["a"], expected: ["a"] },
  ];
  for (const { base, list, value, expected } of cases) {
    it(`${list ? `[${base}]` : base} ← ${JSON.stringify(value)} gives ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(reveal(wrapSecrets(specOf(base, list), value)), expected);
    });
  }

  it("leaves an already wrapped secret as it is", () => {
    const given = coerceScalarText("secret", "hunter2");
    assert.equal(wrapSecrets(specOf("secret"), given), given);
  });
});
