import type { FieldSpec, OutputShape, OutputSpec } from "../spec/types.js";
import { sortedObject } from "./json.js";
import type { SchemaObject } from "./openapi.js";
import { titleCase } from "./title-case.js";
import { typeSchema } from "./type-schema.js";

/**
 * The `Output` component: `{"title":"Output"}` for an unconstrained output, the type's schema with
 * a title otherwise; streamed outputs are arrays marked `"x-cog-array-type":"iterator"` (and
 * `"x-cog-array-display":"concatenate"` for concatenated text), as Cog's `SchemaType.JSONSchema()`.
 */
export function outputSchema(output: OutputSpec): SchemaObject {
  const value = valueSchema(output.shape);
  if (!output.iterator) return sortedObject({ ...value, title: "Output" });
  return sortedObject({
    // An unconstrained stream's items may be any JSON value: the empty schema.
    items: value ?? {},
    title: "Output",
    type: "array",
    "x-cog-array-display": output.concatenate ? "concatenate" : undefined,
    "x-cog-array-type": "iterator",
  });
}

/** The schema of one output value, or `undefined` when it is unconstrained. */
function valueSchema(shape: OutputShape): SchemaObject | undefined {
  switch (shape.kind) {
    case "any":
      return undefined;
    case "type":
      return typeSchema(shape.type);
    case "object": {
      const object = objectSchema(shape.fields);
      return shape.list ? { items: object, type: "array" } : object;
    }
  }
}

/** An output class: fields in declaration order; nullable fields are `"nullable": true` and not required. */
function objectSchema(fields: readonly FieldSpec[]): SchemaObject {
  const properties = Object.fromEntries(fields.map((field) => [field.name, fieldSchema(field)]));
  const required = fields.filter((field) => !field.nullable).map((field) => field.name);
  return sortedObject({ properties, required: required.length > 0 ? required : undefined, type: "object" });
}

function fieldSchema(field: FieldSpec): SchemaObject {
  return sortedObject({
    ...typeSchema(field.type),
    description: field.description,
    nullable: field.nullable ? true : undefined,
    title: titleCase(field.name),
  });
}
