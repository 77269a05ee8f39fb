import type { BaseType, InputType } from "../types/type-tokens.js";
import type { SchemaObject } from "./openapi.js";

/** Cog's `PrimitiveType.JSONType()` for each base kind, keys in byte order. */
const BASE_SCHEMAS: Readonly<Record<BaseType, SchemaObject>> = {
  string: { type: "string" },
  integer: { type: "integer" },
  number: { type: "number" },
  boolean: { type: "boolean" },
  path: { format: "uri", type: "string" },
  secret: { format: "password", type: "string", writeOnly: true, "x-cog-secret": true },
  object: { type: "object" },
};

/**
 * The schema fragment of a type, shared by inputs, output fields and outputs: the base kind's
 * `type`/`format` (a secret's four keys), or `{"items":…,"type":"array"}` for a list. Each call
 * returns fresh objects, so no two places in a document share one. A union is `anyOf` its members in
 * annotation order, each without a title.
 */
export function typeSchema(type: InputType): SchemaObject {
  if (type.base === "union") return { anyOf: type.members.map(typeSchema) };
  const base = { ...BASE_SCHEMAS[type.base] };
  return type.list ? { items: base, type: "array" } : base;
}
