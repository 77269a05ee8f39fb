import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BasePredictor, Field, Int, Output, type OutputDeclaration, Path, Secret } from "../index.js";
import type { SchemaObject } from "./openapi.js";
import { schemaOf } from "./schema.test-support.js";

class Caption {
  @Field({ description: "The caption" }) text!: string;
  @Field({ type: Int }) score!: number;
  @Field({ nullable: true, type: String }) note!: string | null;
  @Field({ type: [Path] }) files!: Path[];
  @Field() token!: Secret;
}

const captionSchema = {
  properties: {
    text: { description: "The caption", title: "Text", type: "string" },
    score: { title: "Score", type: "integer" },
    note: { nullable: true, title: "Note", type: "string" },
    files: { items: { format: "uri", type: "string" }, title: "Files", type: "array" },
    token: { format: "password", title: "Token", type: "string", writeOnly: true, "x-cog-secret": true },
  },
  required: ["text", "score", "files", "token"],
  type: "object",
};

/** The validated Output component of a predictor declaring `declaration` (or nothing). */
async function outputOf(declaration?: OutputDeclaration): Promise<SchemaObject> {
  class Declared extends BasePredictor {
    predict(): unknown {
      return null;
    }
  }
  if (declaration !== undefined) Output(declaration)(Declared.prototype, "predict", {});
  return (await schemaOf(Declared)).components.schemas.Output;
}

describe("the Output component", () => {
  test('an undeclared output is unconstrained: {"title":"Output"}', async () => {
    assert.deepStrictEqual(await outputOf(), { title: "Output" });
  });

  const scalars: [string, OutputDeclaration, SchemaObject][] = [
    ["String", String, { title: "Output", type: "string" }],
    ["Int", Int, { title: "Output", type: "integer" }],
    ["Number", Number, { title: "Output", type: "number" }],
    ["Boolean", Boolean, { title: "Output", type: "boolean" }],
    ["Path", Path, { format: "uri", title: "Output", type: "string" }],
    ["Object", Object, { title: "Output", type: "object" }],
    ["Secret", Secret, { format: "password", title: "Output", type: "string", writeOnly: true, "x-cog-secret": true }],
    ["[String]", [String], { items: { type: "string" }, title: "Output", type: "array" }],
    ["[Path]", [Path], { items: { format: "uri", type: "string" }, title: "Output", type: "array" }],
  ];
  for (const [name, declaration, expected] of scalars) {
    test(`@Output(${name}) is the type's schema titled Output`, async () => {
      assert.deepStrictEqual(await outputOf(declaration), expected);
    });
  }

  test("an output class is an object of its fields in declaration order; nullable fields are not required", async () => {
    const output = await outputOf(Caption);
    assert.deepStrictEqual(output, { ...captionSchema, title: "Output" });
    assert.deepStrictEqual(Object.keys(output.properties ?? {}), ["text", "score", "note", "files", "token"]);
    assert.equal(JSON.stringify(output.properties?.text), '{"description":"The caption","title":"Text","type":"string"}');
  });

  test("a list of an output class is an array of that object", async () => {
    assert.deepStrictEqual(await outputOf([Caption]), { items: captionSchema, title: "Output", type: "array" });
  });

  test('an iterator is an array marked "x-cog-array-type": "iterator"', async () => {
    assert.deepStrictEqual(await outputOf({ iterator: String }), {
      items: { type: "string" },
      title: "Output",
      type: "array",
      "x-cog-array-type": "iterator",
    });
    assert.deepStrictEqual(await outputOf({ iterator: Caption }), {
      items: captionSchema,
      title: "Output",
      type: "array",
      "x-cog-array-type": "iterator",
    });
  });

  test('a concatenate iterator adds "x-cog-array-display": "concatenate", in Cog\'s key order', async () => {
    const output = await outputOf({ concatenate: true });
    assert.equal(
      JSON.stringify(output),
      '{"items":{"type":"string"},"title":"Output","type":"array","x-cog-array-display":"concatenate","x-cog-array-type":"iterator"}',
    );
  });

  test("an async generator predict() streams: an iterator of its declared type, or of any value", async () => {
    class Typed extends BasePredictor {
      @Output(String)
      async *predict(): AsyncGenerator<string> {
        yield "a";
      }
    }
    class Untyped extends BasePredictor {
      async *predict(): AsyncGenerator<unknown> {
        yield 1;
      }
    }
    assert.deepStrictEqual((await schemaOf(Typed)).components.schemas.Output, {
      items: { type: "string" },
      title: "Output",
      type: "array",
      "x-cog-array-type": "iterator",
    });
    assert.deepStrictEqual((await schemaOf(Untyped)).components.schemas.Output, {
      items: {},
      title: "Output",
      type: "array",
      "x-cog-array-type": "iterator",
    });
  });
});
