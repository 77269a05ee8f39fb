import { isPath } from "../path/path.js";
import { isSecret } from "../secret/secret.js";
import type { BaseType } from "../types/type-tokens.js";

/** The JSON-ish type name of a value for messages: string, integer, number, boolean, array, object, null. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (isSecret(value) || isPath(value)) return "string";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
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
