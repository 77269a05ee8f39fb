import type { InputSpec } from "../spec/types.js";
import { sortedObject, toJsonValue } from "./json.js";
import type { JsonValue, SchemaObject } from "./openapi.js";
import { titleCase } from "./title-case.js";
import { typeSchema } from "./type-schema.js";

/** An enum component of a choices input: its name (the input's) and its schema. */
export interface EnumComponent {
  readonly name: string;
  readonly schema: SchemaObject;
}

/**
 * The `Input` component of a predictor's inputs, with the enum components its choices inputs refer
 * to. Properties are in input order, `required` in input order (and absent when nothing is required),
 * as Cog's `buildInputSchema`.
 */
export function inputSchema(inputs: readonly InputSpec[]): { readonly input: SchemaObject; readonly enums: readonly EnumComponent[] } {
  // fromEntries, not assignment: an input may be called `__proto__`.
  const properties = Object.fromEntries(inputs.map((input) => [input.name, inputProperty(input)]));
  const required = inputs.filter((input) => input.required).map((input) => input.name);
  const enums = inputs.filter((input) => input.choices !== undefined).map(enumComponent);
  return {
    input: sortedObject({ properties, required: required.length > 0 ? required : undefined, title: "Input", type: "object" }),
    enums,
  };
}

/**
 * One input's property, keys sorted. A union is `anyOf` its members (Cog 0.21). A choices input refers to its enum component through `allOf`
 * with no `title` beside it (OpenAPI 3.0 ignores siblings of a bare `$ref`); like Cog, it still
 * carries `default`, `description`, `nullable`, `deprecated` and `x-order`.
 */
export function inputProperty(input: InputSpec): SchemaObject {
  let shape: SchemaObject =
    input.choices !== undefined
      ? { allOf: [{ $ref: `#/components/schemas/${input.name}` }] }
      : { title: titleCase(input.name), ...typeSchema(input.type) };
  // Cog marks each member of a nullable union nullable too, besides the property.
  if (input.nullable && shape.anyOf) shape = { ...shape, anyOf: shape.anyOf.map((member) => sortedObject({ ...member, nullable: true })) };
  return sortedObject({
    ...shape,
    default: defaultOf(input),
    deprecated: input.deprecated === true ? true : undefined,
    description: input.description,
    maxLength: input.maxLength,
    maximum: input.le,
    minLength: input.minLength,
    minimum: input.ge,
    nullable: input.nullable ? true : undefined,
    pattern: input.regex,
    "x-cog-accept": input.accept,
    "x-order": input.order,
  });
}

/**
 * The `default` key: the default when there is one. An optional secret says `"default": null`
 * (Cog's `api_key: Secret = Input(default=None)`, #2949); any other nullable input has no default
 * key (Cog's `Optional[T] = Input()`).
 */
function defaultOf(input: InputSpec): JsonValue | undefined {
  if (input.hasDefault) return toJsonValue(input.default);
  // An optional nullable union (`default: null`) says so, as Cog: a bare nullable union is required.
  if (input.nullable && input.type.base === "union") return input.required ? undefined : null;
  return input.nullable && input.type.base === "secret" ? null : undefined;
}

function enumComponent(input: InputSpec): EnumComponent {
  return {
    name: input.name,
    schema: {
      description: "An enumeration.",
      enum: [...(input.choices ?? [])],
      title: input.name,
      // Cog takes the enum's type from the base kind, also for a list input.
      type: input.type.base === "integer" ? "integer" : "string",
    },
  };
}
