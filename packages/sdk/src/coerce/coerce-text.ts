import { Secret } from "../secret/secret.js";
import type { InputSpec } from "../spec/types.js";
import type { BaseType, InputType, MemberType } from "../types/type-tokens.js";
import { hasType } from "../validate/json-type.js";

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

type UnionType = Extract<InputType, { base: "union" }>;

/**
 * Converts one command-line text to the input's type: the base type's conversion (for a list, one
 * item's), or for a union Cog 0.21's `coerceScalarValue` (see {@link coerceUnionText}).
 */
export function coerceItemText(type: InputType, text: string): unknown {
  return type.base === "union" ? coerceUnionText(type, text) : coerceScalarText(type.base, text);
}

/** The union's first member when it is a list: then the command line treats the input as that list (Cog's `newSingleArrayInput`). */
export function unionListMember(type: InputType): MemberType | undefined {
  return type.base === "union" && type.members[0].list ? type.members[0] : undefined;
}

/**
 * Converts one command-line text for a union input as Cog 0.21 does. The first member picks the
 * path: an object takes raw JSON, a list takes a JSON array or one item. Otherwise the text is tried
 * as exactly `true`/`false` (if a member is boolean), an integer (if a member is a number or an
 * integer), a number (only if a member is a number), else kept as a string; each candidate only if
 * the union accepts it.
 */
export function coerceUnionText(type: UnionType, text: string): unknown {
  const first = type.members[0];
  if (first.list) {
    const parsed = text.trimStart().startsWith("[") ? parseJson(text) : undefined;
    return Array.isArray(parsed) ? parsed : [coerceScalarText(first.base, text)];
  }
  if (first.base === "object") return parseJson(text) ?? text;
  const has = (base: BaseType) => type.members.some((member) => !member.list && member.base === base);
  const candidates: unknown[] = [];
  if (has("boolean") && (text === "true" || text === "false")) candidates.push(text === "true");
  if ((has("number") || has("integer")) && INTEGER.test(text)) candidates.push(Number(text));
  if (has("number") && NUMBER.test(text)) candidates.push(Number(text));
  return candidates.find((candidate) => hasType(type, candidate)) ?? text;
}

/**
 * Converts the text of `-i name=value` (a string, or several for a repeated name) to the input's
 * type. A list takes repeated values, or one JSON array, or one value as a one-item list.
 */
export function coerceText(spec: InputSpec, raw: string | readonly string[]): unknown {
  if (spec.type.base === "union") {
    if (typeof raw === "string") return coerceUnionText(spec.type, raw);
    const values = raw.map((text) => coerceUnionText(spec.type as UnionType, text));
    return unionListMember(spec.type) ? values.flat() : values;
  }
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
