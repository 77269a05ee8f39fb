/** What kind of problem an input has. */
export type InputIssueCode =
  | "unknown"
  | "missing"
  | "null"
  | "type"
  | "choices"
  | "minimum"
  | "maximum"
  | "min-length"
  | "max-length"
  | "pattern"
  | "custom"
  | "unresolvable";

/** One problem with one input (or, for `unknown`, with several names). Messages never contain a secret value. */
export interface InputIssue {
  readonly code: InputIssueCode;
  /** The input's name (for `unknown`, the first unknown name). */
  readonly input: string;
  /** What is wrong, without the input's name, e.g. `expected integer, got string`. */
  readonly detail: string;
  /** The whole line as the user reads it, e.g. `invalid input "count": expected integer, got string`. */
  readonly message: string;
}

/** Builds the issue for a named input, in Cog 0.22's wording: `invalid input "name": detail`. */
export function invalidInput(code: InputIssueCode, input: string, detail: string): InputIssue {
  return { code, input, detail, message: `invalid input "${input}": ${detail}` };
}

/**
 * Bad inputs, all collected: one issue prints as itself, several as
 * `input validation failed:\n- …\n- …` (Cog's CLI pre-flight).
 */
export class InputValidationError extends Error {
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    super(issues.length === 1 ? issues[0].message : `input validation failed:\n${issues.map((i) => `- ${i.message}`).join("\n")}`);
    this.name = "InputValidationError";
    this.issues = issues;
  }
}

/** `unknown input "x"; valid inputs are: a, b` (or the plural, or `model does not accept inputs`), or nothing. */
export function unknownInputsIssue(known: readonly string[], given: readonly string[]): InputIssue | undefined {
  const knownSet = new Set(known);
  const unknown = [...new Set(given.filter((name) => !knownSet.has(name)))];
  if (unknown.length === 0) return undefined;
  const names = unknown.map((n) => `"${n}"`).join(", ");
  const valid = known.length === 0 ? "model does not accept inputs" : `valid inputs are: ${[...known].sort().join(", ")}`;
  const message = `unknown input${unknown.length > 1 ? "s" : ""} ${names}; ${valid}`;
  return { code: "unknown", input: unknown[0], detail: message, message };
}
