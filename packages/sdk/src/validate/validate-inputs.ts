import { wrapSecrets } from "../coerce/coerce-text.js";
import type { PredictorSpec } from "../spec/types.js";
import { type ClassValidator, classValidator } from "./class-validator.js";
import { type InputIssue, invalidInput, unknownInputsIssue } from "./issues.js";
import { valueIssues } from "./validate-value.js";

/** How to treat names the predictor does not declare: the CLI rejects them, the server drops them (as Cog). */
export type UnknownInputPolicy = "reject" | "drop";

/** The result of validation: the complete inputs (defaults filled, omitted nullables `null`) or the issues. */
export type ValidationResult =
  | { readonly ok: true; readonly values: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * Validates coerced inputs (strings of secret inputs are wrapped here if the caller has not) against a predictor's inputs, collecting every
 * issue: unknown names, missing required inputs, explicit nulls, types and constraints (class-validator),
 * and for input classes the class's own class-validator decorators.
 */
export function validateInputs(
  spec: PredictorSpec,
  given: Readonly<Record<string, unknown>>,
  unknown: UnknownInputPolicy = "reject",
): ValidationResult {
  const issues: InputIssue[] = [];
  if (unknown === "reject") {
    const issue = unknownInputsIssue(
      spec.inputs.map((i) => i.name),
      Object.keys(given),
    );
    if (issue) issues.push(issue);
  }
  const values: Record<string, unknown> = {};
  for (const input of spec.inputs) {
    // Wrapping is idempotent: a caller that forgot to wrap never gets a raw secret validated or passed on.
    const value = Object.hasOwn(given, input.name) ? wrapSecrets(input, given[input.name]) : undefined;
    if (value === undefined) {
      if (input.required) {
        issues.push({ code: "missing", input: input.name, detail: "is required", message: `missing required input "${input.name}"` });
      } else values[input.name] = input.hasDefault ? copyDefault(input.default) : null;
    } else if (value === null) {
      if (input.nullable) values[input.name] = null;
      else issues.push(invalidInput("null", input.name, "must not be null (omit the input to use its default)"));
    } else {
      const found = valueIssues(input, value);
      issues.push(...found);
      if (found.length === 0) values[input.name] = value;
    }
  }
  if (issues.length === 0 && spec.inputClass) issues.push(...inputClassIssues(spec, values));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, values };
}

/**
 * A fresh copy of a list or plain-object default, so that a predictor changing its input (`tags.push(…)`)
 * cannot change the default of the next prediction. Other values (a Path, a number) are returned as they are.
 */
function copyDefault(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyDefault);
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyDefault(item)]));
  }
  return value;
}

/** The issues from class-validator decorators the author put on an input class. */
function inputClassIssues(spec: PredictorSpec, values: Record<string, unknown>): InputIssue[] {
  const instance = buildInputInstance(spec, values);
  const byProperty = new Map(spec.inputs.map((i) => [i.origin.property, i.name]));
  let errors: ReturnType<ClassValidator["validateSync"]>;
  try {
    errors = classValidator().validateSync(instance, { validationError: { target: false, value: false }, forbidUnknownValues: false });
  } catch (error) {
    // A validator that throws (validator.js on a lone surrogate: "URI malformed") is an input problem.
    const reason = error instanceof Error ? error.message : String(error);
    const detail = `a validator of ${spec.inputClass?.constructor.name} could not check the values (${reason})`;
    return [{ code: "custom", input: "", detail, message: `invalid input: ${detail}` }];
  }
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      invalidInput("custom", byProperty.get(error.property) ?? error.property, message),
    ),
  );
}

/** An instance of the predictor's input class holding validated values (by property name). */
export function buildInputInstance(spec: PredictorSpec, values: Readonly<Record<string, unknown>>): object {
  if (!spec.inputClass) throw new Error(`${spec.className} has no input class`);
  const instance = new spec.inputClass.constructor() as Record<string, unknown>;
  for (const input of spec.inputs) instance[input.origin.property ?? input.name] = values[input.name];
  return instance;
}
