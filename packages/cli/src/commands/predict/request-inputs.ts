import { readFile } from "node:fs/promises";
import { describeFsError, outputMediaType, toDataUrl, UsageError } from "@tsc-cog/runtime";
import { isPath, isSecret, SECRET_MASK } from "@tsc-cog/sdk";
import type { Redactor } from "@tsc-cog/sdk/engine";

/** How deep a value is walked (inputs are JSON: deeper is refused by the server anyway). */
const MAX_DEPTH = 64;

/** Registers every Secret in a resolved input with `redactor`, labelled by the input's name. */
export function registerSecretInputs(redactor: Redactor, value: unknown, label: string, depth = 0): void {
  if (isSecret(value)) redactor.register(value.getSecretValue(), label, "input");
  else if (typeof value === "object" && value !== null && !isPath(value) && depth < MAX_DEPTH)
    for (const inner of Object.values(value)) registerSecretInputs(redactor, inner, label, depth + 1);
}

/**
 * The JSON a server takes for resolved inputs: a Secret as its raw value (the request body is the only
 * place it is ever written), a Path as a data URL of the file (typed by its extension).
 */
export async function requestInputs(values: Readonly<Record<string, unknown>>, redactor: Redactor): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) out[name] = await requestValue(value, name, redactor, 0);
  return out;
}

async function requestValue(value: unknown, input: string, redactor: Redactor, depth: number): Promise<unknown> {
  if (isSecret(value)) return value.getSecretValue();
  if (isPath(value)) {
    try {
      return toDataUrl(await readFile(value.path), outputMediaType(value, redactor));
    } catch (error) {
      throw new UsageError(`input "${input}": cannot read file ${value.name}: ${describeFsError(error)}`);
    }
  }
  if (Array.isArray(value) && depth < MAX_DEPTH) {
    const items = [];
    for (const item of value) items.push(await requestValue(item, input, redactor, depth + 1));
    return items;
  }
  return value;
}

/** Inputs as the `--json` envelope shows them: every Secret as `**********`. */
export function maskInputs(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const mask = (value: unknown): unknown => (isSecret(value) ? SECRET_MASK : Array.isArray(value) ? value.map(mask) : value);
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, mask(v)]));
}
