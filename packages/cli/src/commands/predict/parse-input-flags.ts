import { UsageError } from "@tsc-cog/runtime";

/**
 * Parses `-i name=value` flags: split on the first `=`, one pair of surrounding double quotes
 * stripped from the value; a repeated name collects its values in order.
 */
export function parseInputFlags(flags: readonly string[]): Map<string, string[]> {
  const inputs = new Map<string, string[]>();
  for (const flag of flags) {
    const eq = flag.indexOf("=");
    if (eq <= 0) throw new UsageError(`Failed to parse input '${flag}', expected format is 'name=value'`);
    const name = flag.slice(0, eq);
    let value = flag.slice(eq + 1);
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    inputs.set(name, [...(inputs.get(name) ?? []), value]);
  }
  return inputs;
}

/** Parses the text of `--json` (already read from a file or stdin when so asked) into an inputs object. */
export function parseJsonInputs(text: string, source: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Never the parser's own message: it quotes the text, which may hold a secret.
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new UsageError(
      `--json ${source} is not valid JSON: a syntax error${at === undefined ? "" : ` at character ${Number(at) + 1}`} (its text is not shown)`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(`--json ${source} must be a JSON object of inputs, like {"prompt": "hi"}`);
  }
  return value as Record<string, unknown>;
}
