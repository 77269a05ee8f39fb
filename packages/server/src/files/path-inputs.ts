import { isDataUrl, isHttpUrl, resolvePathInput } from "@tsc-cog/runtime";
import type { InputIssue } from "@tsc-cog/sdk";
import { type InputSpec, invalidInput } from "@tsc-cog/sdk/engine";

/**
 * Issues for Path inputs given as anything but a data URL or an http(s) URL: a server never reads
 * its own files on a caller's behalf. Runs after type validation, on its values.
 */
export function pathInputIssues(inputs: readonly InputSpec[], values: Readonly<Record<string, unknown>>): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const input of inputs) {
    if (input.type.base !== "path") continue;
    const items = input.type.list && Array.isArray(values[input.name]) ? (values[input.name] as unknown[]) : [values[input.name]];
    const bad = items.findIndex((item) => typeof item === "string" && !isDataUrl(item) && !isHttpUrl(item));
    if (bad >= 0) {
      const where = input.type.list ? `item ${bad}: ` : "";
      issues.push(invalidInput("type", input.name, `${where}expected a data: URL or an http(s):// URL`));
    }
  }
  return issues;
}

/**
 * The inputs with every Path given as a URL turned into a file in `dir` (the prediction core's one
 * resolver: data URLs decoded, http(s) URLs streamed to disk). Throws the core's `InputProblem`
 * naming the input when one cannot be fetched.
 */
export async function resolvePathInputs(
  inputs: readonly InputSpec[],
  values: Readonly<Record<string, unknown>>,
  dir: string,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...values };
  const context = { tempDir: () => dir, signal };
  const fetchOne = (name: string, item: unknown) => (typeof item === "string" ? resolvePathInput(name, item, context) : item);
  for (const input of inputs) {
    if (input.type.base !== "path") continue;
    const value = values[input.name];
    out[input.name] = Array.isArray(value)
      ? await Promise.all(value.map((item) => fetchOne(input.name, item)))
      : await fetchOne(input.name, value);
  }
  return out;
}
