import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BasePredictor, Input, Inputs, Int, Output, Path, Secret, SecretInput } from "../index.js";
import { inputPropertyOf, schemaOf } from "./schema.test-support.js";

// Cog's `openapi_complex_input.py` fixture (python/tests/server/test_http.py at v0.16.0), in TypeScript.
// `T | null` parameters need `type:`: tsc 7 emits `Object` as their design type (swc-loaded predictors get a hint).
class CogComplexInput extends BasePredictor {
  @Output(String)
  predict(
    no_default: string,
    @Input({ default: "default" }) default_without_input: string,
    @Input({ type: Int, default: -10 }) input_with_default: number,
    @Input({ description: "Some path" }) path: Path,
    @Input({ description: "Some path" }) image: Path,
    @Input({ choices: ["foo", "bar"] }) choices: string,
    @Input({ type: Int, choices: [3, 4, 5] }) int_choices: number,
    @Input({ nullable: true, type: String }) optional_str: string | null,
  ): string {
    return [no_default, default_without_input, input_with_default, path, image, choices, int_choices, optional_str].join();
  }
}

describe("the Input component", () => {
  test("matches Cog's schema for its complex-input fixture exactly", async () => {
    const { schemas } = (await schemaOf(CogComplexInput)).components;
    assert.deepStrictEqual(schemas.Input, {
      title: "Input",
      type: "object",
      required: ["no_default", "path", "image", "choices", "int_choices"],
      properties: {
        no_default: { title: "No Default", type: "string", "x-order": 0 },
        default_without_input: { default: "default", title: "Default Without Input", type: "string", "x-order": 1 },
        input_with_default: { default: -10, title: "Input With Default", type: "integer", "x-order": 2 },
        path: { description: "Some path", format: "uri", title: "Path", type: "string", "x-order": 3 },
        image: { description: "Some path", format: "uri", title: "Image", type: "string", "x-order": 4 },
        choices: { allOf: [{ $ref: "#/components/schemas/choices" }], "x-order": 5 },
        int_choices: { allOf: [{ $ref: "#/components/schemas/int_choices" }], "x-order": 6 },
        optional_str: { nullable: true, title: "Optional Str", type: "string", "x-order": 7 },
      },
    });
    assert.deepStrictEqual(schemas.choices, { title: "choices", description: "An enumeration.", enum: ["foo", "bar"], type: "string" });
    assert.deepStrictEqual(schemas.int_choices, { title: "int_choices", description: "An enumeration.", enum: [3, 4, 5], type: "integer" });
    assert.deepStrictEqual(schemas.Output, { title: "Output", type: "string" });
  });

  test("keeps properties and required in input order, and keys inside a property in byte order as Cog (Go maps) writes them", async () => {
    const { Input: input } = (await schemaOf(CogComplexInput)).components.schemas;
    assert.deepStrictEqual(Object.keys(input.properties ?? {}), [
      "no_default",
      "default_without_input",
      "input_with_default",
      "path",
      "image",
      "choices",
      "int_choices",
      "optional_str",
    ]);
    assert.equal(
      JSON.stringify(input.properties?.path),
      '{"description":"Some path","format":"uri","title":"Path","type":"string","x-order":3}',
    );
    assert.deepStrictEqual(Object.keys(input), ["properties", "required", "title", "type"]);
  });

  test("has no required key when every input is optional, and empty properties without inputs", async () => {
    class AllOptional extends BasePredictor {
      predict(@Input({ default: 1, type: Int }) n: number, @Input({ nullable: true, type: String }) s: string | null): string {
        return `${n}${s}`;
      }
    }
    class NoInputs extends BasePredictor {
      predict(): string {
        return "";
      }
    }
    const optional = (await schemaOf(AllOptional)).components.schemas.Input;
    assert.equal("required" in optional, false);
    assert.deepStrictEqual((await schemaOf(NoInputs)).components.schemas.Input, { properties: {}, title: "Input", type: "object" });
  });
});

describe("secret inputs", () => {
  class Secrets extends BasePredictor {
    predict(
      @SecretInput() api_token: Secret,
      @SecretInput({ default: null, description: "Your API key (optional)" }) api_key: Secret | null,
      @SecretInput({ nullable: true }) other_key: Secret | null,
      @SecretInput({ type: [Secret] }) keys: Secret[],
      @Input({ type: [Secret], default: null }) spare_keys: Secret[] | null,
      @SecretInput({ minLength: 8, maxLength: 64, regex: /^sk-/ }) checked: Secret,
    ): string {
      return [api_token, api_key, other_key, keys, spare_keys, checked].join();
    }
  }

  test("a required Secret is the four secret keys, a title and x-order, and is required", async () => {
    const doc = await schemaOf(Secrets);
    assert.deepStrictEqual(doc.components.schemas.Input.properties?.api_token, {
      format: "password",
      title: "Api Token",
      type: "string",
      writeOnly: true,
      "x-cog-secret": true,
      "x-order": 0,
    });
    assert.deepStrictEqual(doc.components.schemas.Input.required, ["api_token", "keys", "checked"]);
  });

  test('an optional Secret (default: null or nullable: true) adds "default": null and "nullable": true', async () => {
    const { properties } = (await schemaOf(Secrets)).components.schemas.Input;
    assert.equal(
      JSON.stringify(properties?.api_key),
      '{"default":null,"description":"Your API key (optional)","format":"password","nullable":true,"title":"Api Key","type":"string","writeOnly":true,"x-cog-secret":true,"x-order":1}',
    );
    assert.deepStrictEqual(properties?.other_key, {
      default: null,
      format: "password",
      nullable: true,
      title: "Other Key",
      type: "string",
      writeOnly: true,
      "x-cog-secret": true,
      "x-order": 2,
    });
  });

  test("a list of secrets is an array whose items carry the secret shape", async () => {
    const { properties } = (await schemaOf(Secrets)).components.schemas.Input;
    const item = { format: "password", type: "string", writeOnly: true, "x-cog-secret": true };
    assert.deepStrictEqual(properties?.keys, { items: item, title: "Keys", type: "array", "x-order": 3 });
    assert.deepStrictEqual(properties?.spare_keys, {
      default: null,
      items: item,
      nullable: true,
      title: "Spare Keys",
      type: "array",
      "x-order": 4,
    });
  });

  test("length and pattern constraints on a Secret are published, never a value", async () => {
    assert.deepStrictEqual(await inputPropertyOf(Secrets, "checked"), {
      format: "password",
      maxLength: 64,
      minLength: 8,
      pattern: "^sk-",
      title: "Checked",
      type: "string",
      writeOnly: true,
      "x-cog-secret": true,
      "x-order": 5,
    });
  });
});

describe("input types and options", () => {
  class Options extends BasePredictor {
    predict(
      @Input({ description: "Repeats", type: Int, default: 1, ge: 1, le: 5 }) n: number,
      @Input({ ge: 0.5, le: 1.5, default: 1 }) scale: number,
      @Input({ minLength: 1, maxLength: 10, regex: "^[a-z]+$", description: "Lowercase" }) word: string,
      @Input({ deprecated: true, default: false }) legacy: boolean,
      @Input({ accept: "image/*,.png", description: "Picture" }) picture: Path,
      @Input({ type: Object }) data: object,
      @Input({ default: null, type: Number }) seed: number | null,
      @Input({ nullable: true, default: "x", type: String }) tag: string | null,
      @Input({ choices: ["fast", "slow"], default: "fast", description: "Mode", deprecated: true }) mode: string,
      @Input({ deprecated: false }) kept: string,
    ): string {
      return [n, scale, word, legacy, picture, data, seed, tag, mode, kept].join();
    }
  }

  const expectations: [string, unknown][] = [
    ["n", { default: 1, description: "Repeats", maximum: 5, minimum: 1, title: "N", type: "integer", "x-order": 0 }],
    ["scale", { default: 1, maximum: 1.5, minimum: 0.5, title: "Scale", type: "number", "x-order": 1 }],
    ["word", { description: "Lowercase", maxLength: 10, minLength: 1, pattern: "^[a-z]+$", title: "Word", type: "string", "x-order": 2 }],
    ["legacy", { default: false, deprecated: true, title: "Legacy", type: "boolean", "x-order": 3 }],
    ["picture", { description: "Picture", format: "uri", title: "Picture", type: "string", "x-cog-accept": "image/*,.png", "x-order": 4 }],
    ["data", { title: "Data", type: "object", "x-order": 5 }],
    ["seed", { nullable: true, title: "Seed", type: "number", "x-order": 6 }],
    ["tag", { default: "x", nullable: true, title: "Tag", type: "string", "x-order": 7 }],
    ["mode", { allOf: [{ $ref: "#/components/schemas/mode" }], default: "fast", deprecated: true, description: "Mode", "x-order": 8 }],
    ["kept", { title: "Kept", type: "string", "x-order": 9 }],
  ];
  for (const [name, expected] of expectations) {
    test(`option keys of "${name}" land on the right schema keywords`, async () => {
      assert.deepStrictEqual(await inputPropertyOf(Options, name), expected);
    });
  }

  test("only inputs without a default that are not nullable are required", async () => {
    assert.deepStrictEqual((await schemaOf(Options)).components.schemas.Input.required, ["word", "picture", "data", "kept"]);
  });

  test("lists of every type are arrays of the item type, with their defaults", async () => {
    class Lists extends BasePredictor {
      predict(
        @Input({ type: [String], default: [] }) tags: string[],
        @Input({ type: [Int], default: [1, 2] }) counts: number[],
        @Input({ type: [Number] }) weights: number[],
        @Input({ type: [Boolean] }) flags: boolean[],
        @Input({ type: [Path] }) files: Path[],
        @Input({ type: [Object] }) records: object[],
      ): string {
        return [tags, counts, weights, flags, files, records].join();
      }
    }
    const { properties, required } = (await schemaOf(Lists)).components.schemas.Input;
    assert.deepStrictEqual(properties, {
      tags: { default: [], items: { type: "string" }, title: "Tags", type: "array", "x-order": 0 },
      counts: { default: [1, 2], items: { type: "integer" }, title: "Counts", type: "array", "x-order": 1 },
      weights: { items: { type: "number" }, title: "Weights", type: "array", "x-order": 2 },
      flags: { items: { type: "boolean" }, title: "Flags", type: "array", "x-order": 3 },
      files: { items: { format: "uri", type: "string" }, title: "Files", type: "array", "x-order": 4 },
      records: { items: { type: "object" }, title: "Records", type: "array", "x-order": 5 },
    });
    assert.deepStrictEqual(required, ["weights", "flags", "files", "records"]);
  });

  test("input names set with name: are used for the property, its title and its enum component", async () => {
    class Renamed extends BasePredictor {
      predict(
        @Input({ name: "output_format", choices: ["png", "jpg"] }) format: string,
        @Input({ name: "max_size" }) size: string,
      ): string {
        return format + size;
      }
    }
    const { schemas } = (await schemaOf(Renamed)).components;
    assert.deepStrictEqual(schemas.Input.properties?.output_format, {
      allOf: [{ $ref: "#/components/schemas/output_format" }],
      "x-order": 0,
    });
    assert.equal(schemas.Input.properties?.max_size?.title, "Max Size");
    assert.deepStrictEqual(schemas.output_format?.enum, ["png", "jpg"]);
  });
});

describe("input-class predictors", () => {
  class GenerateInput {
    @Input({ description: "Prompt" }) prompt!: string;
    @Input({ type: Int, default: 20, ge: 1 }) num_steps!: number;
    @Input({ choices: ["a", "b"], default: "a" }) style!: string;
    @SecretInput() api_key!: Secret;
  }
  class Generator extends BasePredictor {
    @Output(String)
    predict(@Inputs() input: GenerateInput): string {
      return input.prompt;
    }
  }

  test("the input class's properties are the inputs, in declaration order", async () => {
    const { schemas } = (await schemaOf(Generator)).components;
    assert.deepStrictEqual(schemas.Input, {
      properties: {
        prompt: { description: "Prompt", title: "Prompt", type: "string", "x-order": 0 },
        num_steps: { default: 20, minimum: 1, title: "Num Steps", type: "integer", "x-order": 1 },
        style: { allOf: [{ $ref: "#/components/schemas/style" }], default: "a", "x-order": 2 },
        api_key: { format: "password", title: "Api Key", type: "string", writeOnly: true, "x-cog-secret": true, "x-order": 3 },
      },
      required: ["prompt", "api_key"],
      title: "Input",
      type: "object",
    });
    assert.deepStrictEqual(schemas.style, { description: "An enumeration.", enum: ["a", "b"], title: "style", type: "string" });
  });
});
