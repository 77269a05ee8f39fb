import { Path } from "../path/path.js";
import { Secret } from "../secret/secret.js";

/**
 * The integer type token: `@Input({ type: Int })` makes a `number` parameter an integer input
 * (schema `"type":"integer"`). Never instantiated.
 */
export class Int {
  private constructor() {}
}

/** A scalar type an input, field or output can declare. */
export type ScalarTypeToken =
  | StringConstructor
  | NumberConstructor
  | BooleanConstructor
  | ObjectConstructor
  | typeof Int
  | typeof Path
  | typeof Secret;

/** What `type:` accepts: a scalar token, a one-element array for a list (`[String]`, `[Int]`, `[Path]`…), or a {@link Union}. */
export type TypeToken = ScalarTypeToken | readonly [ScalarTypeToken] | UnionToken;

const UNION_BRAND = Symbol.for("tsc-cog.union");

/** What {@link Union} returns: the members as written, `null` among them for a nullable union. */
export interface UnionToken {
  readonly [UNION_BRAND]: true;
  readonly members: readonly unknown[];
}

/**
 * A JSON-native union input (Cog's `str | float`), for predictors whose annotation is lost at run
 * time (precompiled `.js`): `@Input({ type: Union(String, Number) })`. Members are String, Number,
 * Int, Boolean, Object, a list of one of these (`[String]`), or `null` for a nullable union.
 */
export function Union(...members: readonly (ScalarTypeToken | readonly [ScalarTypeToken] | null)[]): UnionToken {
  return Object.freeze({ [UNION_BRAND]: true as const, members: Object.freeze([...members]) });
}

/** True for a {@link Union} token, also one made by another copy of the SDK. */
export function isUnionToken(token: unknown): token is UnionToken {
  return typeof token === "object" && token !== null && (token as Record<symbol, unknown>)[UNION_BRAND] === true;
}

/** The base kinds tsc-cog knows, as the schema names them. */
export type BaseType = "string" | "integer" | "number" | "boolean" | "path" | "secret" | "object";

/**
 * An input's resolved type: a base kind, possibly a list of it; or (`base: "union"`, never a list)
 * a JSON-native union whose members, in annotation order, are non-union types.
 */
export type InputType =
  | { readonly base: BaseType; readonly list: boolean }
  | { readonly base: "union"; readonly list: false; readonly members: readonly MemberType[] };

/** A union member, or any type that is not a union. */
export interface MemberType {
  readonly base: BaseType;
  readonly list: boolean;
}

/**
 * Maps a constructor to its base kind, or `undefined` when tsc-cog does not support it.
 * Secrets and paths are recognised by brand so that two SDK copies agree.
 */
export function baseTypeOf(token: unknown): BaseType | undefined {
  if (token === String) return "string";
  if (token === Number) return "number";
  if (token === Boolean) return "boolean";
  if (token === Object) return "object";
  if (token === Int) return "integer";
  if (typeof token !== "function") return undefined;
  if (token === Path || token.prototype?.[Symbol.for("tsc-cog.path")] === true) return "path";
  if (token === Secret || token.prototype?.[Symbol.for("tsc-cog.secret")] === true) return "secret";
  // Another SDK copy's Int: matched by name, it carries no value.
  if (token.name === "Int" && Object.getOwnPropertyNames(token.prototype ?? {}).length === 1) return "integer";
  return undefined;
}

/** Resolves a `type:` token (or a design type) to a non-union type, or `undefined` if unsupported (a union is resolved by the spec). */
export function inputTypeOf(token: unknown): MemberType | undefined {
  if (Array.isArray(token)) {
    if (token.length !== 1) return undefined;
    const base = baseTypeOf(token[0]);
    return base ? { base, list: true } : undefined;
  }
  const base = baseTypeOf(token);
  return base ? { base, list: false } : undefined;
}

/** A readable name of a type for messages: `string`, `integer`, `list of Path`, `string or number`… */
export function describeType(type: InputType): string {
  if (type.base === "union") return type.members.map(describeType).join(" or ");
  const names: Record<BaseType, string> = {
    string: "string",
    integer: "integer",
    number: "number",
    boolean: "boolean",
    path: "Path",
    secret: "Secret",
    object: "object",
  };
  return type.list ? `list of ${names[type.base]}` : names[type.base];
}
