import { type InputIssue, isSecret } from "@tsc-cog/sdk";
import { hasLoneSurrogate, invalidInput, type PredictorSpec } from "@tsc-cog/sdk/engine";

/**
 * Issues for secret inputs that are not Unicode text: a string holding a lone UTF-16 surrogate (only
 * `--json` can carry one). What form it would take once printed is a guess, so the run stops before
 * anything runs (exit 2), as the server answers 422; nothing of the value is shown.
 */
export function unscrubbableSecretIssues(spec: PredictorSpec, inputs: Readonly<Record<string, unknown>>): InputIssue[] {
  return spec.inputs
    .filter((input) => secretTexts(inputs[input.name]).some(hasLoneSurrogate))
    .map((input) =>
      invalidInput("custom", input.name, "must be valid Unicode text (it holds a lone surrogate), or it could not be kept out of logs"),
    );
}

function secretTexts(value: unknown): string[] {
  if (isSecret(value)) return [value.getSecretValue()];
  return Array.isArray(value) ? value.flatMap(secretTexts) : [];
}
