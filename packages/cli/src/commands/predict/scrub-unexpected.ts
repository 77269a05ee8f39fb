import { UsageError } from "@tsc-cog/runtime";
import { InputValidationError } from "@tsc-cog/sdk";
import { type Redactor } from "@tsc-cog/sdk/engine";
import { CancelledError, PredictionFailedError } from "../../errors.js";

/**
 * Every error `predict` throws, scrubbed before `main` prints it. A prediction's failure is redacted
 * where it is made and a cancellation says nothing; anything else may have been built from a secret —
 * a bug or a Node error, and also a usage or validation message, which quotes input names, choices
 * and patterns from the predictor's spec (the worker's word, so the predictor's). A usage or validation
 * error keeps its type (and so its exit code 2); it is rebuilt only when scrubbing changed something.
 */
export function scrubbedError(error: unknown, redactor: Redactor): unknown {
  if (error instanceof PredictionFailedError || error instanceof CancelledError) return error;
  const scrub = (text: string) => redactor.redactText(text);
  if (error instanceof InputValidationError) {
    const issues = error.issues.map((issue) => ({
      ...issue,
      input: scrub(issue.input),
      message: scrub(issue.message),
      detail: scrub(issue.detail),
    }));
    const changed = issues.some((issue, i) => (["input", "message", "detail"] as const).some((key) => issue[key] !== error.issues[i][key]));
    return changed ? new InputValidationError(issues) : error;
  }
  if (!(error instanceof Error)) return typeof error === "string" ? scrub(error) : error;
  const message = scrub(error.message);
  const stack = error.stack === undefined ? undefined : scrub(error.stack);
  const cause = error.cause instanceof Error ? scrubbedError(error.cause, redactor) : error.cause;
  if (message === error.message && stack === error.stack && cause === error.cause) return error;
  const scrubbed = error instanceof UsageError ? new UsageError(message, { cause }) : new Error(message, { cause });
  scrubbed.stack = stack;
  return scrubbed;
}
