import type { InputIssue } from "@tsc-cog/sdk";

/** The issue for an input that cannot be resolved: `input "name": detail`. */
export function unresolvableInput(input: string, detail: string): InputIssue {
  return { code: "unresolvable", input, detail, message: `input "${input}": ${detail}` };
}

/**
 * One input that cannot be resolved (a missing `@file`, an unset `env:` variable, stdin used twice,
 * a failed download), as data: the caller collects these with validation issues and reports them all
 * at once. The issue never holds a secret value or a file's content.
 */
export class InputProblem extends Error {
  readonly code = "INPUT_UNRESOLVABLE";
  readonly issue: InputIssue;

  constructor(issue: InputIssue) {
    super(issue.message);
    this.name = "InputProblem";
    this.issue = issue;
  }
}
