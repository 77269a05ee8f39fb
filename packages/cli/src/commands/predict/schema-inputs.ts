import type { BaseType, InputSpec, InputType, MemberType, OutputSpec, PredictorSpec, SchemaObject } from "@tsc-cog/sdk/engine";

/** A schema read off the network: any key may be missing or of the wrong type. */
type Loose = Readonly<Record<string, unknown>>;

/**
 * When a union's members cannot all be read (or a property has no type at all), the input takes any
 * JSON value: text given with `-i` is converted as a union of every kind (exactly `true`/`false`, an
 * integer, a number, JSON text for an object, else the string), and the server validates it.
 */
const ANY_JSON: InputType = {
  base: "union",
  list: false,
  members: [
    { base: "boolean", list: false },
    { base: "integer", list: false },
    { base: "number", list: false },
    { base: "object", list: false },
    { base: "string", list: false },
  ],
};

/**
 * Rebuilds the predictor's {@link PredictorSpec} from the OpenAPI document a running `tsc-cog serve`
 * publishes (`GET /openapi.json`), so that `predict --url` gathers inputs exactly as a local run does:
 * the `Input` component's properties (in `x-order`) become {@link InputSpec}s — `format: uri` a Path,
 * `x-cog-secret` a Secret, `anyOf` a union, an `allOf` reference to an enum component choices — and the
 * `Output` component says whether the output is streamed. Only what the schema says is known: inputs
 * have no source origin, and a list input with choices is read as a single one (the schema loses it).
 */
export function predictorSpecFromSchema(document: unknown): PredictorSpec {
  const schemas = asLoose(asLoose(asLoose(document).components).schemas);
  const input = asLoose(schemas.Input);
  const required = new Set(Array.isArray(input.required) ? input.required.filter((n): n is string => typeof n === "string") : []);
  const properties = Object.entries(asLoose(input.properties)).map(([name, property], index) => ({
    name,
    property: asLoose(property),
    order: typeof asLoose(property)["x-order"] === "number" ? (asLoose(property)["x-order"] as number) : index,
  }));
  properties.sort((a, b) => a.order - b.order);
  const inputs = properties.map(({ name, property }, order) => inputSpecOf(name, property, order, required.has(name), schemas));
  return {
    className: "(tsc-cog serve)",
    method: "predict",
    inputs,
    output: outputSpecOf(asLoose(schemas.Output)),
    parameterCount: inputs.length,
    maxConcurrency: 1,
    isAsync: true,
  };
}

/** One `Input` property as an {@link InputSpec}. */
export function inputSpecOf(name: string, property: Loose, order: number, required: boolean, schemas: Loose = {}): InputSpec {
  const choices = choicesOf(property, schemas);
  const type = choices ? { base: choices.base, list: false } : (typeOf(property) ?? ANY_JSON);
  const hasDefault = "default" in property && !(property.default === null && (type.base === "secret" || type.base === "union"));
  return {
    name,
    order,
    type,
    nullable: property.nullable === true,
    required,
    hasDefault,
    ...(hasDefault ? { default: property.default } : {}),
    ...stringField("description", property.description),
    ...numberField("ge", property.minimum),
    ...numberField("le", property.maximum),
    ...numberField("minLength", property.minLength),
    ...numberField("maxLength", property.maxLength),
    ...stringField("regex", property.pattern),
    ...(choices ? { choices: choices.values } : {}),
    ...(property.deprecated === true ? { deprecated: true } : {}),
    ...stringField("accept", property["x-cog-accept"]),
    origin: { className: "(tsc-cog serve)", method: "predict", parameterIndex: order, parameterName: name },
  };
}

/** The output's shape is not needed to present it (values are read as they come): only whether it streams. */
function outputSpecOf(output: Loose): OutputSpec {
  const iterator = output.type === "array" && output["x-cog-array-type"] === "iterator";
  return { shape: { kind: "any" }, iterator, concatenate: iterator && output["x-cog-array-display"] === "concatenate" };
}

/** A property's type, or `undefined` when the schema says nothing tsc-cog can read. */
function typeOf(schema: Loose): InputType | undefined {
  if (Array.isArray(schema.anyOf)) {
    const members = schema.anyOf.map((member) => memberOf(asLoose(member)));
    if (members.length === 0 || members.some((member) => member === undefined)) return undefined;
    return { base: "union", list: false, members: members as MemberType[] };
  }
  return memberOf(schema);
}

function memberOf(schema: Loose): MemberType | undefined {
  if (schema.type === "array") {
    const items = asLoose(schema.items);
    const base = baseOf(items);
    return base && !Array.isArray(items.anyOf) ? { base, list: true } : undefined;
  }
  const base = baseOf(schema);
  return base ? { base, list: false } : undefined;
}

function baseOf(schema: Loose): BaseType | undefined {
  if (schema["x-cog-secret"] === true) return "secret";
  switch (schema.type) {
    case "string":
      return schema.format === "uri" ? "path" : "string";
    case "integer":
    case "number":
    case "boolean":
    case "object":
      return schema.type;
    default:
      return undefined;
  }
}

/** `allOf: [{ $ref: "#/components/schemas/<name>" }]` to an enum component: its values and their kind. */
function choicesOf(property: Loose, schemas: Loose): { readonly base: BaseType; readonly values: (string | number)[] } | undefined {
  if (!Array.isArray(property.allOf)) return undefined;
  const ref = asLoose(property.allOf[0]).$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/components/schemas/")) return undefined;
  const component = asLoose(schemas[ref.slice("#/components/schemas/".length)]) as SchemaObject;
  if (!Array.isArray(component.enum)) return undefined;
  const values = component.enum.filter((v): v is string | number => typeof v === "string" || typeof v === "number");
  return { base: component.type === "integer" ? "integer" : "string", values };
}

function asLoose(value: unknown): Loose {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Loose) : {};
}

function stringField<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  return (typeof value === "string" ? { [key]: value } : {}) as { [P in K]?: string };
}

function numberField<K extends string>(key: K, value: unknown): { [P in K]?: number } {
  return (typeof value === "number" ? { [key]: value } : {}) as { [P in K]?: number };
}

/**
 * True when the `Output` schema may hold returned files (a `format: uri` anywhere, or no type at all):
 * then data URLs in the output are files, to be written as a local run writes them.
 */
export function outputMayHoldFiles(document: unknown): boolean {
  const output = asLoose(asLoose(asLoose(asLoose(document).components).schemas).Output);
  if (output.type === undefined && output.anyOf === undefined && output.properties === undefined) return true;
  return /"format":"uri"/.test(JSON.stringify(output));
}
