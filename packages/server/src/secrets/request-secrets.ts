import { hasLoneSurrogate, type InputSpec } from "@tsc-cog/sdk/engine";
import type { PooledSecret } from "./secret-pool.js";

/**
 * The values a request gives to secret inputs, as they arrived in JSON and before any validation:
 * every string and number at any depth (keys too), so that a Secret sent with the wrong JSON type —
 * a number, an object — is scrubbed from everything sent back just like a well-formed one.
 */
export function requestSecrets(inputs: readonly InputSpec[], given: Readonly<Record<string, unknown>>): PooledSecret[] {
  const found: PooledSecret[] = [];
  for (const input of inputs) {
    if (input.type.base !== "secret" || !Object.hasOwn(given, input.name)) continue;
    for (const value of leaves(given[input.name], 0)) found.push({ value, label: input.name, kind: "input" });
  }
  return found;
}

function leaves(value: unknown, depth: number): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "number") return [String(value)];
  if (typeof value !== "object" || value === null || depth > 64) return [];
  if (Array.isArray(value)) return value.flatMap((item) => leaves(item, depth + 1));
  return Object.entries(value).flatMap(([key, item]) => [key, ...leaves(item, depth + 1)]);
}

/**
 * The secrets that are not Unicode text (a lone UTF-16 surrogate, see `hasLoneSurrogate`): what form
 * they would take once printed is a guess, so the request is refused; nothing of the value is echoed.
 */
export function unscrubbableSecrets(secrets: readonly PooledSecret[]): PooledSecret[] {
  return secrets.filter((secret) => hasLoneSurrogate(secret.value));
}
