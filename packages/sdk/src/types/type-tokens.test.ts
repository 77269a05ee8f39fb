import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeType, type InputType } from "../engine.js";
import { Int, Path, Secret } from "../index.js";
import { inputTypeOf } from "./type-tokens.js";

class Custom {}

const cases: { name: string; token: unknown; expected: InputType | undefined }[] = [
  { name: "String", token: String, expected: { base: "string", list: false } },
  { name: "Number", token: Number, expected: { base: "number", list: false } },
  { name: "Int", token: Int, expected: { base: "integer", list: false } },
  { name: "Boolean", token: Boolean, expected: { base: "boolean", list: false } },
  { name: "Object", token: Object, expected: { base: "object", list: false } },
  { name: "Path", token: Path, expected: { base: "path", list: false } },
  { name: "Secret", token: Secret, expected: { base: "secret", list: false } },
  { name: "[String]", token: [String], expected: { base: "string", list: true } },
  { name: "[Int]", token: [Int], expected: { base: "integer", list: true } },
  { name: "[Secret]", token: [Secret], expected: { base: "secret", list: true } },
  { name: "[Path]", token: [Path], expected: { base: "path", list: true } },
  { name: "[Object]", token: [Object], expected: { base: "object", list: true } },
  { name: "an anonymous class", token: class {}, expected: undefined },
  { name: "Date", token: Date, expected: undefined },
  { name: "a custom class", token: Custom, expected: undefined },
  { name: "Array", token: Array, expected: undefined },
  { name: "Function", token: Function, expected: undefined },
  { name: "[]", token: [], expected: undefined },
  { name: "[String, Number]", token: [String, Number], expected: undefined },
  { name: "[[String]]", token: [[String]], expected: undefined },
  { name: '"string"', token: "string", expected: undefined },
];

describe("inputTypeOf resolves type tokens", () => {
  for (const { name, token, expected } of cases) {
    it(`${name} is ${expected ? describeType(expected) : "not supported"}`, () => {
      assert.deepEqual(inputTypeOf(token), expected);
    });
  }

  it("recognises Secret and Path classes of another SDK copy by their brand", () => {
    const OtherSecret = class {};
    Object.defineProperty(OtherSecret.prototype, Symbol.for("tsc-cog.secret"), { value: true });
    const OtherPath = class {};
    Object.defineProperty(OtherPath.prototype, Symbol.for("tsc-cog.path"), { value: true });
    assert.deepEqual(inputTypeOf(OtherSecret), { base: "secret", list: false });
    assert.deepEqual(inputTypeOf([OtherPath]), { base: "path", list: true });
  });
});

describe("describeType names a type for messages", () => {
  const names: [InputType, string][] = [
    [{ base: "string", list: false }, "string"],
    [{ base: "integer", list: false }, "integer"],
    [{ base: "path", list: true }, "list of Path"],
    [{ base: "secret", list: false }, "Secret"],
  ];
  for (const [type, expected] of names) {
    it(`${JSON.stringify(type)} is "${expected}"`, () => assert.equal(describeType(type), expected));
  }
});
