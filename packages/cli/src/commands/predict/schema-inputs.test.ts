import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BasePredictor, Input, Int, Output, Path, Secret, SecretInput, Union } from "@tsc-cog/sdk";
import { describePredictor, generateOpenApiSchema, type InputSpec } from "@tsc-cog/sdk/engine";
import { inputSpecOf, outputMayHoldFiles, predictorSpecFromSchema } from "./schema-inputs.js";

class Everything extends BasePredictor {
  @Output(Path)
  async predict(
    @Input({ description: "Prompt", minLength: 1, maxLength: 100, regex: "^[a-z ]+$" }) prompt: string,
    @Input({ type: Int, default: 2, ge: 1, le: 5 }) steps: number,
    @Input({ default: 0.5 }) ratio: number,
    @Input({ default: false }) loud: boolean,
    @Input({ choices: ["hex", "base64url"], default: "hex" }) encoding: string,
    @Input({ type: Int, choices: [1, 2, 3], default: 1 }) level: number,
    @Input({ type: [String], default: [] }) tags: string[],
    @Input({ description: "An image" }) image: Path,
    @Input({ type: [Path], default: [] }) extras: Path[],
    @Input({ type: Object, default: {} }) options: object,
    @SecretInput({ description: "Token", maxLength: 40 }) token: Secret,
    @SecretInput({ default: null }) spare: Secret | null,
    @Input({ type: Union(String, Number) }) mixed: string | number,
    @Input({ type: Union([String], String, null), default: null }) either: string[] | string | null,
  ): Promise<Path> {
    return new Path(
      `${prompt}${steps}${ratio}${loud}${encoding}${level}${tags}${image}${extras}${options}${token}${spare}${mixed}${either}`,
    );
  }
}

/** What a reader of the spec sees of an input (not where it was declared in the source). */
const visible = ({ origin: _origin, ...rest }: InputSpec) => rest;

describe("predictorSpecFromSchema", () => {
  const original = describePredictor(Everything);
  const rebuilt = predictorSpecFromSchema(JSON.parse(JSON.stringify(generateOpenApiSchema(original))));

  it("rebuilds every input's spec from the server's schema as the predictor declared it", () => {
    assert.deepEqual(rebuilt.inputs.map(visible), original.inputs.map(visible));
  });

  it("knows a streamed, concatenated output from the Output schema", () => {
    const document = {
      components: {
        schemas: {
          Output: { items: { type: "string" }, type: "array", "x-cog-array-type": "iterator", "x-cog-array-display": "concatenate" },
        },
      },
    };
    assert.deepEqual(predictorSpecFromSchema(document).output, { shape: { kind: "any" }, iterator: true, concatenate: true });
    assert.equal(rebuilt.output.iterator, false);
  });

  it("reads a document without components as a predictor without inputs", () => {
    assert.deepEqual(predictorSpecFromSchema({}).inputs, []);
    assert.deepEqual(predictorSpecFromSchema("not a document").inputs, []);
  });
});

describe("inputSpecOf", () => {
  const rows: readonly [string, Record<string, unknown>, Partial<InputSpec>][] = [
    ["format uri is a Path", { type: "string", format: "uri" }, { type: { base: "path", list: false } }],
    ["x-cog-secret is a Secret", { type: "string", format: "password", "x-cog-secret": true }, { type: { base: "secret", list: false } }],
    ["an array of integers is a list", { type: "array", items: { type: "integer" } }, { type: { base: "integer", list: true } }],
    ["nullable is nullable", { type: "string", nullable: true }, { nullable: true }],
    ["a default is kept", { type: "integer", default: 3 }, { hasDefault: true, default: 3 }],
    ["bounds become ge/le", { type: "number", minimum: 0, maximum: 1 }, { ge: 0, le: 1 }],
  ];
  for (const [name, property, expected] of rows) {
    it(name, () => {
      const spec = inputSpecOf("x", property, 0, false);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(spec[key as keyof InputSpec], value, key);
    });
  }

  it("takes any JSON value for a union it cannot read, or a property without a type", () => {
    for (const property of [{ anyOf: [{ type: "string" }, { type: "array", items: { anyOf: [] } }] }, {}]) {
      const { type } = inputSpecOf("x", property, 0, true);
      assert.equal(type.base, "union");
      assert.deepEqual(type.base === "union" ? type.members.map((member) => member.base) : [], [
        "boolean",
        "integer",
        "number",
        "object",
        "string",
      ]);
    }
  });

  it("reads choices through the allOf reference to the enum component", () => {
    const schemas = { mode: { enum: [1, 2], type: "integer" } };
    const spec = inputSpecOf("mode", { allOf: [{ $ref: "#/components/schemas/mode" }], default: 1 }, 0, false, schemas);
    assert.deepEqual(spec.choices, [1, 2]);
    assert.deepEqual(spec.type, { base: "integer", list: false });
  });
});

describe("outputMayHoldFiles", () => {
  const of = (Output: unknown) => outputMayHoldFiles({ components: { schemas: { Output } } });
  it("is true for a Path output, a list of them, an object holding one, or an output of any type", () => {
    assert.equal(of({ type: "string", format: "uri" }), true);
    assert.equal(of({ type: "array", items: { type: "string", format: "uri" } }), true);
    assert.equal(of({ type: "object", properties: { file: { type: "string", format: "uri" } } }), true);
    assert.equal(of({ title: "Output" }), true);
  });
  it("is false for a string output, so a returned data URL text stays text", () => {
    assert.equal(of({ type: "string" }), false);
  });
});
