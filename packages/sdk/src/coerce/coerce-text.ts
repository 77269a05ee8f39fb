import { Secret } from "../secret/secret.js";
import type { InputSpec } from "../spec/types.js";
import type { BaseType } from "../types/type-tokens.js";

const INTEGER = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Converts one command-line string to the input's base type, as Cog's CLI does: exactly
 * `true`/`false` for booleans, integers then numbers where the type allows, JSON for objects, and
 * a Secret around every string of a secret input. Never throws: a value it cannot convert is
 * returned as given, and validation reports it.
 */
export function coerceScalarText(base: BaseType, text: string): unknown {
  switch (base) {
    case "boolean":
      return text === "true" ? true : text === "false" ? false : text;
    case "integer":
      return INTEGER.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
    case "number":
      // "1e400" overflows to Infinity, which is not a JSON number: leave it for validation to report.
      return NUMBER.test(text) && Number.isFinite(Number(text)) ? Number(text) : text;
    case "object":
      return parseJson(text) ?? text;
    case "secret":
      return new Secret(text);
    default:
      return text;
  }
}

/**
 * Converts the text of `-i name=value` (a string, or several for a repeated name) to the input's
 * type. A list takes repeated values, or one JSON array, or one value as a one-item list.
 */
export function coerceText(spec: InputSpec, raw: string | readonly string[]): unknown {
  const { base, list } = spec.type;
  if (!list) return typeof raw === "string" ? coerceScalarText(base, raw) : raw.map((text) => coerceScalarText(base, text));
  if (typeof raw !== "string") return raw.map((text) => coerceScalarText(base, text));
  const parsed = raw.trimStart().startsWith("[") ? parseJson(raw) : undefined;
  if (Array.isArray(parsed)) return wrapSecrets(spec, parsed);
  return [coerceScalarText(base, raw)];
}

/**
 * Wraps every string given to a secret input (and every string item of a secret list) in a
 * Secret, for inputs that arrive as JSON (`--json`, the HTTP API). Other values pass unchanged.
 */
export function wrapSecrets(spec: InputSpec, value: unknown): unknown {
  if (spec.type.base !== "secret") return value;
  if (typeof value === "string") return new Secret(value);
  if (Array.isArray(value)) return value.map((item) => (typeof item === "string" ? new Secret(item) : item));
  return value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
