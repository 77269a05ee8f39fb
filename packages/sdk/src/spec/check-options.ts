import type { InputOptions } from "../input/options.js";
import type { InputType } from "../types/type-tokens.js";

/** A problem with an input's options, and its fix. */
export interface OptionProblem {
  readonly problem: string;
  readonly fix: string;
}

const isStringLike = (t: InputType) => t.base === "string" || t.base === "secret";
const isNumeric = (t: InputType) => t.base === "number" || t.base === "integer";

/**
 * The definition-time checks of one input's options against its resolved type (DESIGN §3):
 * ge/le only on numbers; lengths and regex only on strings and secrets; choices (at least two, of
 * the input's type, not combined with bounds); accept only on paths; literal secret defaults.
 */
export function checkOptions(options: InputOptions, type: InputType): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const add = (problem: string, fix: string) => problems.push({ problem, fix });
  if (type.base === "union") {
    const { ge, le, minLength, maxLength, regex, choices } = options;
    if ([ge, le, minLength, maxLength, regex, choices].some((option) => option !== undefined)) {
      add(
        "unsupported type: constraints and choices are not supported on union inputs",
        "remove ge/le/minLength/maxLength/regex/choices, or declare the input as one type",
      );
    }
    if (options.accept !== undefined) add("accept only applies to Path inputs, but the input is a union", "remove accept");
    return problems;
  }
  if ((options.ge !== undefined || options.le !== undefined) && !isNumeric(type)) {
    add(`ge/le only apply to numbers, but the input is ${type.base}`, "remove ge/le, or declare the input as a number");
  }
  if (options.ge !== undefined && options.le !== undefined && options.ge > options.le) {
    add(`ge (${options.ge}) is greater than le (${options.le})`, "swap or correct the bounds");
  }
  const lengths = options.minLength !== undefined || options.maxLength !== undefined;
  if ((lengths || options.regex !== undefined) && !isStringLike(type)) {
    add(
      `minLength/maxLength/regex only apply to strings and secrets, but the input is ${type.base}`,
      "remove them, or declare the input as a string",
    );
  }
  if (options.regex !== undefined) {
    // Validation compiles the source with the `u` flag, also for a RegExp written without it.
    try {
      new RegExp(typeof options.regex === "string" ? options.regex : options.regex.source, "u");
    } catch (error) {
      add(`regex is not a valid regular expression (${(error as Error).message})`, "correct the pattern");
    }
  }
  if (options.choices !== undefined) {
    if (options.choices.length < 2) add("choices needs at least 2 values", "list two or more choices, or use default: for a fixed value");
    if (options.ge !== undefined || options.le !== undefined || lengths) {
      add("choices cannot be combined with ge/le/minLength/maxLength", "remove the bounds: the choices already limit the value");
    }
    const expected = type.base === "integer" ? "integer" : type.base === "string" ? "string" : undefined;
    if (!expected) add(`choices only apply to strings and integers, but the input is ${type.base}`, "remove choices");
    const wrong = options.choices.filter((c) => (expected === "integer" ? !Number.isInteger(c) : typeof c !== "string"));
    if (expected && wrong.length > 0) {
      add(`choices ${wrong.map((c) => JSON.stringify(c)).join(", ")} are not ${expected}s`, `make every choice a ${expected}`);
    }
  }
  if (options.accept !== undefined && type.base !== "path") {
    add(`accept only applies to Path inputs, but the input is ${type.base}`, "remove accept");
  }
  if (type.base === "secret" && options.default !== undefined && options.default !== null) {
    add(
      "a Secret input has a literal default, which would be published in the schema",
      "remove the default (pass the value at run time: -i name=@file, env:NAME or -), or use default: null for an optional secret",
    );
  }
  return problems;
}
