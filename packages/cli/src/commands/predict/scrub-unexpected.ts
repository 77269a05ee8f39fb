import { UsageError } from "@tsc-cog/runtime";
import { InputValidationError } from "@tsc-cog/sdk";
import { type Redactor } from "@tsc-cog/sdk/engine";
import { CancelledError, PredictionFailedError } from "../../errors.js";

/**
 * Our own typed errors carry redacted (or value-free) messages already; anything else — a bug, a
 * Node error — is scrubbed before `main` prints it, since it may have been built from a secret.
 */
export function scrubbedUnexpected(error: unknown, redactor: Redactor): unknown {
  const known = [PredictionFailedError, CancelledError, InputValidationError, UsageError];
  if (known.some((type) => error instanceof type) || !(error instanceof Error)) return error;
  const scrubbed = new Error(redactor.redactText(error.message));
  scrubbed.stack = error.stack === undefined ? undefined : redactor.redactText(error.stack);
  return scrubbed;
}
