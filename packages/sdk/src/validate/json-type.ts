import { isPath } from "../path/path.js";
import { isSecret } from "../secret/secret.js";
import type { BaseType, InputType, MemberType } from "../types/type-tokens.js";

/**
 * The JSON type name of a value for messages: string, number, boolean, array, object, null. JSON has
 * no integer type, so `5` is a number (never "got integer").
 */
export function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (isSecret(value) || isPath(value)) return "string";
  return typeof value === "object" ? "object" : typeof value;
}

/** The schema's name of a base type, as Cog's messages use it. */
export function expectedName(base: BaseType): string {
  return base === "secret" || base === "path" ? "string" : base;
}

/**
 * True when `value` is of the base type. Secrets must already be wrapped; a Path may still be a
 * string (a URL or a path to resolve later).
 */
export function hasBaseType(base: BaseType, value: unknown): boolean {
  switch (base) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value) && !isSecret(value) && !isPath(value);
    case "path":
      return isPath(value) || typeof value === "string";
    case "secret":
      return isSecret(value);
  }
}

/** True when `value` has the type: one of a union's members, every item of a list, or the base type. */
export function hasType(type: InputType, value: unknown): boolean {
  if (type.base === "union") return type.members.some((member) => hasType(member, value));
  return type.list ? Array.isArray(value) && value.every((item) => hasBaseType(type.base, item)) : hasBaseType(type.base, value);
}

/** The expected type for messages: `string`, `array of integer`, `string or number`. */
export function expectedTypeName(type: InputType): string {
  if (type.base === "union") return type.members.map(expectedTypeName).join(" or ");
  const member: MemberType = type;
  return member.list ? `array of ${expectedName(member.base)}` : expectedName(member.base);
}
