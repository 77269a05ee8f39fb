import type { InputIssue } from "@tsc-cog/sdk";

/** One entry of a 422 body: `{"detail":[{"loc":["body","input","count"],"msg":…,"type":…}]}` (FastAPI's shape, as Cog). */
export interface ValidationDetail {
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly type: string;
}

/**
 * The 422 entries for input issues, in input order: a missing input is `Field required` /
 * `value_error.missing`; every other issue keeps the SDK's message without the `invalid input "x": `
 * prefix (the loc names the input). Issue messages never hold a Secret's value.
 */
export function inputIssueDetails(issues: readonly InputIssue[]): ValidationDetail[] {
  return issues.map((issue) => {
    const loc = ["body", "input", issue.input];
    if (issue.code === "missing") return { loc, msg: "Field required", type: "value_error.missing" };
    const prefix = `invalid input "${issue.input}": `;
    const msg = issue.message.startsWith(prefix) ? issue.message.slice(prefix.length) : issue.message;
    return { loc, msg, type: "value_error" };
  });
}
