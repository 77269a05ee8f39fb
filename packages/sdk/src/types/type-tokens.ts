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

/** What `type:` accepts: a scalar token, or a one-element array for a list (`[String]`, `[Int]`, `[Path]`…). */
export type TypeToken = ScalarTypeToken | readonly [ScalarTypeToken];

/** The base kinds tsc-cog knows, as the schema names them. */
export type BaseType = "string" | "integer" | "number" | "boolean" | "path" | "secret" | "object";

/** An input's resolved type: a base kind, possibly a list of it. */
export interface InputType {
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

/** Resolves a `type:` token (or a design type) to an {@link InputType}, or `undefined` if unsupported. */
export function inputTypeOf(token: unknown): InputType | undefined {
  if (Array.isArray(token)) {
    if (token.length !== 1) return undefined;
    const base = baseTypeOf(token[0]);
    return base ? { base, list: true } : undefined;
  }
  const base = baseTypeOf(token);
  return base ? { base, list: false } : undefined;
}

/** A readable name of a type for messages: `string`, `integer`, `list of Path`… */
export function describeType(type: InputType): string {
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
