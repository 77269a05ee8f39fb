import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, test } from "node:test";
import { BasePredictor, Input, Int, Union } from "../index.js";
import { inputPropertyOf, schemaOf } from "./schema.test-support.js";

/** Every kind of union member, nullable and not, with and without defaults. */
class Unions extends BasePredictor {
  predict(
    @Input({ type: Union(String, Number) }) value: string | number,
    @Input({ type: Union(String, Number, null) }) maybe: string | number | null,
    @Input({ type: Union(String, Number, null), default: null }) optional: string | number | null,
    @Input({ type: Union([String], Number), default: 3, description: "Words or a count" }) words: string[] | number,
    @Input({ type: Union(Int, Boolean, Object, [Int]) }) mixed: unknown,
    @Input({ type: Union(String, null) }) single: string | null,
  ): string {
    return JSON.stringify([value, maybe, optional, words, mixed, single]);
  }
}

const SNAPSHOT = new URL("../../src/schema/__snapshots__/unions.snap.json", import.meta.url);

describe("union inputs in the schema", () => {
  test("are anyOf their members in annotation order, without titles, as Cog's TestOpenAPIUnionInputStringFloat", async () => {
    assert.equal(
      JSON.stringify(await inputPropertyOf(Unions, "value")),
      '{"anyOf":[{"type":"string"},{"type":"number"}],"title":"Value","x-order":0}',
    );
  });

  test("put nullable on each member and on the property of a nullable union, which stays required without a default", async () => {
    const doc = await schemaOf(Unions);
    assert.equal(
      JSON.stringify(doc.components.schemas.Input.properties?.maybe),
      '{"anyOf":[{"nullable":true,"type":"string"},{"nullable":true,"type":"number"}],"nullable":true,"title":"Maybe","x-order":1}',
    );
    assert.deepStrictEqual(doc.components.schemas.Input.required, ["value", "maybe", "mixed"]);
  });

  test("say default null for a nullable union with default: null", async () => {
    assert.equal(
      JSON.stringify(await inputPropertyOf(Unions, "optional")),
      '{"anyOf":[{"nullable":true,"type":"string"},{"nullable":true,"type":"number"}],"default":null,"nullable":true,"title":"Optional","x-order":2}',
    );
  });

  test("write one member and null as a plain nullable type, not anyOf", async () => {
    assert.equal(JSON.stringify(await inputPropertyOf(Unions, "single")), '{"nullable":true,"title":"Single","type":"string","x-order":5}');
  });

  test("of every member kind match the reviewed snapshot and pass the OpenAPI validator", async () => {
    const text = `${JSON.stringify((await schemaOf(Unions)).components.schemas.Input, null, 2)}\n`;
    if (process.env.UPDATE_SNAPSHOTS === "1") writeFileSync(SNAPSHOT, text);
    assert.equal(text, readFileSync(SNAPSHOT, "utf8"));
  });
});
