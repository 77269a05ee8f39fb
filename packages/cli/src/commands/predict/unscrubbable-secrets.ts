import { type InputIssue, invalidInput, isSecret, type PredictorSpec, secretForms } from "@tsc-cog/sdk";

/**
 * Issues for secret inputs whose value the redaction engine cannot take: computing its encoded forms
 * throws (a string holding a lone UTF-16 surrogate, which only `--json` can carry, breaks
 * `encodeURIComponent`). Such a secret could not be kept out of the output, so the run stops before
 * anything runs (exit 2), as the server answers 422; nothing of the value is shown.
 */
export function unscrubbableSecretIssues(spec: PredictorSpec, inputs: Readonly<Record<string, unknown>>): InputIssue[] {
  return spec.inputs
    .filter((input) => secretTexts(inputs[input.name]).some(cannotScrub))
    .map((input) =>
      invalidInput("custom", input.name, "must be valid Unicode text (it holds a lone surrogate), or it could not be kept out of logs"),
    );
}

function secretTexts(value: unknown): string[] {
  if (isSecret(value)) return [value.getSecretValue()];
  return Array.isArray(value) ? value.flatMap(secretTexts) : [];
}

function cannotScrub(text: string): boolean {
  try {
    secretForms(text);
    return false;
  } catch {
    return true;
  }
}
