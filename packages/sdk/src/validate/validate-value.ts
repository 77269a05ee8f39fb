import type { InputSpec } from "../spec/types.js";
import { constraintFailures } from "./constraints.js";
import { type InputIssue, invalidInput } from "./issues.js";
import { expectedName, expectedTypeName, hasBaseType, hasType, jsonTypeName } from "./json-type.js";

/** The issues of one present, non-null value of an input: its type, then its constraints. */
export function valueIssues(spec: InputSpec, value: unknown): InputIssue[] {
  if (spec.type.base === "union") {
    // A union takes JSON as it is (no coercion): a value of any member's type passes.
    if (hasType(spec.type, value)) return [];
    return [invalidInput("type", spec.name, `expected ${expectedTypeName(spec.type)}, got ${jsonTypeName(value)}`)];
  }
  const { base, list } = spec.type;
  if (list) {
    if (!Array.isArray(value)) return [invalidInput("type", spec.name, `expected array, got ${jsonTypeName(value)}`)];
    const bad = value.findIndex((item) => !hasBaseType(base, item));
    if (bad >= 0) return [invalidInput("type", spec.name, `item ${bad}: expected ${expectedName(base)}, got ${jsonTypeName(value[bad])}`)];
  } else if (!hasBaseType(base, value)) {
    return [invalidInput("type", spec.name, `expected ${expectedName(base)}, got ${jsonTypeName(value)}`)];
  }
  return constraintFailures(spec, value).map((f) => invalidInput(f.code, spec.name, f.detail));
}

/** The problems of a declared default, for the definition-time check (without the input's name). */
export function defaultIssues(spec: InputSpec, value: unknown): string[] {
  const prefix = `invalid input "${spec.name}": `;
  return valueIssues(spec, value).map((issue) => issue.message.slice(prefix.length));
}
