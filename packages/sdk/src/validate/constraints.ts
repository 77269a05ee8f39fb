import type { ValidationOptions } from "class-validator";
import { isSecret } from "../secret/secret.js";
import type { InputSpec } from "../spec/types.js";
import { classValidator } from "./class-validator.js";
import type { InputIssueCode } from "./issues.js";

/** A constraint failure: its code and Cog's (kin-openapi's) wording, without the input's name. */
export interface ConstraintFailure {
  readonly code: InputIssueCode;
  readonly detail: string;
}

type Holder = { value: unknown };
type HolderClass = new () => Holder;

const classes = new WeakMap<InputSpec, HolderClass>();

/** The string inside a value, unwrapping a Secret only here, where nothing is printed. */
const textOf = (value: unknown) => (isSecret(value) ? value.getSecretValue() : value);

/** A length/pattern check that works on strings and on Secrets alike. */
function textCheck(name: string, test: (text: string) => boolean, message: string, options: ValidationOptions): PropertyDecorator {
  return classValidator().ValidateBy(
    { name, validator: { validate: (value) => typeof textOf(value) === "string" && test(textOf(value) as string) } },
    { ...options, message },
  );
}

/**
 * Builds, once per input, a class whose `value` property carries class-validator decorators for the
 * input's constraints, each with Cog's message as its constraint name's text.
 */
function holderFor(spec: InputSpec): HolderClass {
  const existing = classes.get(spec);
  if (existing) return existing;
  const { IsIn, Matches, Max, MaxLength, Min, MinLength } = classValidator();
  const Holder = class {
    value: unknown;
  };
  const each = { each: spec.type.list };
  const decorate = (decorator: PropertyDecorator) => decorator(Holder.prototype, "value");
  if (spec.ge !== undefined)
    decorate(Min(spec.ge, { ...each, message: `number must be at least ${spec.ge}`, context: { code: "minimum" } }));
  if (spec.le !== undefined)
    decorate(Max(spec.le, { ...each, message: `number must be at most ${spec.le}`, context: { code: "maximum" } }));
  if (spec.choices !== undefined) {
    decorate(IsIn([...spec.choices], { ...each, message: `must be one of: ${spec.choices.join(", ")}`, context: { code: "choices" } }));
  }
  if (spec.type.base === "secret") {
    const { minLength, maxLength, regex } = spec;
    if (minLength !== undefined)
      decorate(
        textCheck("secretMinLength", (t) => [...t].length >= minLength, `minimum string length is ${minLength}`, {
          ...each,
          context: { code: "min-length" },
        }),
      );
    if (maxLength !== undefined)
      decorate(
        textCheck("secretMaxLength", (t) => [...t].length <= maxLength, `maximum string length is ${maxLength}`, {
          ...each,
          context: { code: "max-length" },
        }),
      );
    if (regex !== undefined)
      decorate(
        textCheck("secretMatches", (t) => new RegExp(regex, "u").test(t), `string doesn't match the regular expression "${regex}"`, {
          ...each,
          context: { code: "pattern" },
        }),
      );
  } else {
    if (spec.minLength !== undefined)
      decorate(
        MinLength(spec.minLength, { ...each, message: `minimum string length is ${spec.minLength}`, context: { code: "min-length" } }),
      );
    if (spec.maxLength !== undefined)
      decorate(
        MaxLength(spec.maxLength, { ...each, message: `maximum string length is ${spec.maxLength}`, context: { code: "max-length" } }),
      );
    if (spec.regex !== undefined)
      decorate(
        Matches(new RegExp(spec.regex, "u"), {
          ...each,
          message: `string doesn't match the regular expression "${spec.regex}"`,
          context: { code: "pattern" },
        }),
      );
  }
  classes.set(spec, Holder);
  return Holder;
}

/**
 * Checks a well-typed value against the input's constraints with class-validator. Validation
 * errors are built without target or value, so no failure ever carries the value itself.
 */
export function constraintFailures(spec: InputSpec, value: unknown): ConstraintFailure[] {
  const constrained = [spec.ge, spec.le, spec.minLength, spec.maxLength, spec.regex, spec.choices].some((c) => c !== undefined);
  if (!constrained) return [];
  const Holder = holderFor(spec);
  const holder = new Holder();
  holder.value = value;
  const errors = classValidator().validateSync(holder, { validationError: { target: false, value: false }, forbidUnknownValues: false });
  const failures: ConstraintFailure[] = [];
  for (const error of errors) {
    for (const [name, message] of Object.entries(error.constraints ?? {})) {
      // class-validator merges a constraint's context into an object, so the code travels as `{ code }`.
      const code = (error.contexts?.[name] as { code?: InputIssueCode } | undefined)?.code ?? "custom";
      failures.push({ code, detail: message });
    }
  }
  return failures;
}
