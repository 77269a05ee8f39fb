// The form's model, read from the predictor's OpenAPI document: one FieldSpec per input, in x-order.
// Pure (no DOM), so it is tested in Node.

/** A JSON Schema node as Cog's OpenAPI documents write them (the parts the form reads). */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly nullable?: boolean;
  readonly enum?: readonly unknown[];
  readonly allOf?: readonly SchemaNode[];
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly items?: SchemaNode;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number | boolean;
  readonly exclusiveMaximum?: number | boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly "x-order"?: number;
  readonly "x-cog-secret"?: boolean;
  readonly "x-cog-accept"?: string;
  readonly "x-cog-array-type"?: string;
  readonly "x-cog-array-display"?: string;
}

/** How a field is drawn and how its text becomes a JSON value. */
export type FieldKind =
  | "text"
  | "integer"
  | "number"
  | "boolean"
  | "choice"
  | "secret"
  | "secret-list"
  | "file"
  | "file-list"
  | "list"
  | "json";

/** The scalar type of a list's items (`json` for anything else). */
export type ItemType = "string" | "integer" | "number" | "boolean" | "json";

/** One input of the predictor, as the form shows it. */
export interface FieldSpec {
  readonly name: string;
  readonly title: string;
  readonly description?: string;
  readonly kind: FieldKind;
  /** In the schema's `required`: the form refuses to run without it. */
  readonly required: boolean;
  /** `null` is a valid value (the field gets a "null" checkbox). */
  readonly nullable: boolean;
  readonly hasDefault: boolean;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  /** For `choice`: the allowed values, in order. */
  readonly choices?: readonly unknown[];
  /** For files: `x-cog-accept` (the file picker's `accept`). */
  readonly accept?: string;
  /** For `list`: how each line is read. */
  readonly itemType?: ItemType;
  /** For `json`: a string is one of the accepted types, so text that is not JSON is sent as a string. */
  readonly acceptsString?: boolean;
}

/** What the page needs from the OpenAPI document. */
export interface PlaygroundModel {
  readonly title: string;
  readonly version: string;
  readonly fields: readonly FieldSpec[];
  /** `POST /predictions` carries `x-cog-streaming: true`: runs ask for server-sent events. */
  readonly streaming: boolean;
  /** The output is a file (format uri) or a list of files. */
  readonly outputIsFile: boolean;
  /** `x-cog-array-display: concatenate`: a list of strings is shown joined. */
  readonly concatenate: boolean;
}

type Components = Readonly<Record<string, SchemaNode>>;

/** Follows `$ref`s into components.schemas, and merges an `allOf` of one (Cog's way of pointing at an enum). */
function resolve(node: SchemaNode, components: Components, depth = 0): SchemaNode {
  if (depth > 16) return node;
  const { $ref, allOf, ...rest } = node;
  let merged: SchemaNode = rest;
  if ($ref?.startsWith("#/components/schemas/")) {
    const target = components[$ref.slice("#/components/schemas/".length)];
    if (target) merged = { ...resolve(target, components, depth + 1), ...rest };
  }
  if (allOf?.length === 1) merged = { ...resolve(allOf[0], components, depth + 1), ...merged };
  return merged;
}

const typeOf = (node: SchemaNode): string | undefined =>
  Array.isArray(node.type) ? node.type.find((t) => t !== "null") : (node.type as string | undefined);

const isNullNode = (node: SchemaNode) =>
  node.type === "null" || (Array.isArray(node.type) && node.type.length === 1 && node.type[0] === "null");

/** Unwraps `anyOf: [X, {type: null}]` into X, nullable; other unions stay unions. */
function unwrapNullable(node: SchemaNode, components: Components): { node: SchemaNode; nullable: boolean } {
  const members = node.anyOf ?? node.oneOf;
  let nullable = node.nullable === true || (Array.isArray(node.type) && node.type.includes("null"));
  if (!members) return { node, nullable };
  const resolved = members.map((member) => resolve(member, components));
  const others = resolved.filter((member) => !isNullNode(member));
  if (others.length < resolved.length) nullable = true;
  if (others.length === 1) {
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = node;
    return { node: { ...others[0], ...rest }, nullable };
  }
  return { node: { ...node, anyOf: others, oneOf: undefined }, nullable };
}

const isSecret = (node: SchemaNode) => node["x-cog-secret"] === true || node.format === "password";
const isFile = (node: SchemaNode) => typeOf(node) === "string" && node.format === "uri";

function itemTypeOf(items: SchemaNode): ItemType {
  const type = typeOf(items);
  return type === "string" || type === "integer" || type === "number" || type === "boolean" ? type : "json";
}

function kindOf(node: SchemaNode, components: Components): { kind: FieldKind; itemType?: ItemType; acceptsString?: boolean } {
  if (node.enum && node.enum.length > 0) return { kind: "choice" };
  if (node.anyOf || node.oneOf) {
    const members = (node.anyOf ?? node.oneOf ?? []).map((member) => resolve(member, components));
    return { kind: "json", acceptsString: members.some((member) => typeOf(member) === "string") };
  }
  const type = typeOf(node);
  if (type === "array") {
    const items = unwrapNullable(resolve(node.items ?? {}, components), components).node;
    if (isSecret(items)) return { kind: "secret-list" };
    if (isFile(items)) return { kind: "file-list" };
    if (items.anyOf || items.oneOf || items.enum) return { kind: "list", itemType: "json" };
    return { kind: "list", itemType: itemTypeOf(items) };
  }
  if (isSecret(node)) return { kind: "secret" };
  if (isFile(node)) return { kind: "file" };
  if (type === "string") return { kind: "text" };
  if (type === "integer" || type === "number" || type === "boolean") return { kind: type };
  return { kind: "json", acceptsString: type === undefined };
}

/** A bound, counting OpenAPI 3.0's boolean `exclusiveMinimum` as the bound itself (the server says the rest). */
const bound = (value: number | undefined, exclusive: number | boolean | undefined) => (typeof exclusive === "number" ? exclusive : value);

/** The field for one input property. */
export function readField(name: string, property: SchemaNode, required: boolean, components: Components): FieldSpec {
  const { node, nullable } = unwrapNullable(resolve(property, components), components);
  const { kind, itemType, acceptsString } = kindOf(node, components);
  const hasDefault = Object.hasOwn(property, "default") || Object.hasOwn(node, "default");
  const defaultValue = Object.hasOwn(property, "default") ? property.default : node.default;
  const field: FieldSpec = {
    name,
    // A choice's property has no title of its own (the enum it points at is titled with the input's name).
    title: property.title ?? name.replace(/_/g, " ").replace(/\b\w/g, (letter) => letter.toUpperCase()),
    kind,
    required,
    nullable: nullable || (hasDefault && defaultValue === null),
    hasDefault,
    ...(hasDefault ? { default: defaultValue } : {}),
    ...(property.description !== undefined ? { description: property.description } : {}),
    ...(bound(node.minimum, node.exclusiveMinimum) !== undefined ? { minimum: bound(node.minimum, node.exclusiveMinimum) } : {}),
    ...(bound(node.maximum, node.exclusiveMaximum) !== undefined ? { maximum: bound(node.maximum, node.exclusiveMaximum) } : {}),
    ...(node.minLength !== undefined ? { minLength: node.minLength } : {}),
    ...(node.maxLength !== undefined ? { maxLength: node.maxLength } : {}),
    ...(node.pattern !== undefined ? { pattern: node.pattern } : {}),
    ...(kind === "choice" ? { choices: node.enum } : {}),
    ...(node["x-cog-accept"] !== undefined ? { accept: node["x-cog-accept"] } : {}),
    ...(node.items?.["x-cog-accept"] !== undefined ? { accept: node.items["x-cog-accept"] } : {}),
    ...(itemType !== undefined ? { itemType } : {}),
    ...(acceptsString !== undefined ? { acceptsString } : {}),
  };
  return field;
}

interface OpenApiDocument {
  readonly info?: { readonly title?: string; readonly version?: string };
  readonly paths?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly components?: { readonly schemas?: Components };
}

/** The page's model of the predictor: its inputs sorted by `x-order` (missing last), streaming, output shape. */
export function readModel(document: unknown): PlaygroundModel {
  const doc = (document ?? {}) as OpenApiDocument;
  const components = doc.components?.schemas ?? {};
  const input = resolve(components.Input ?? {}, components);
  const required = new Set(input.required ?? []);
  const entries = Object.entries(input.properties ?? {});
  entries.sort(([, a], [, b]) => (a["x-order"] ?? 999) - (b["x-order"] ?? 999));
  const output = unwrapNullable(resolve(components.Output ?? {}, components), components).node;
  const outputItems = output.items ? resolve(output.items, components) : undefined;
  return {
    title: doc.info?.title ?? "Cog",
    version: doc.info?.version ?? "",
    fields: entries.map(([name, property]) => readField(name, property, required.has(name), components)),
    streaming: doc.paths?.["/predictions"]?.post?.["x-cog-streaming"] === true,
    outputIsFile: isFile(output) || (outputItems !== undefined && isFile(outputItems)),
    concatenate: output["x-cog-array-display"] === "concatenate",
  };
}
