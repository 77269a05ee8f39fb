import type { InputSpec } from "@tsc-cog/sdk";
import type { ResolveContext } from "./resolve-context.js";
import { resolveText } from "./resolve-value.js";

const byName = (specs: readonly InputSpec[]) => new Map(specs.map((s) => [s.name, s]));

/**
 * Resolves parsed `-i` flags (names already checked) into typed values: repeated flags form a list,
 * a list also takes one JSON array; every text goes through {@link resolveText}.
 */
export async function resolveFlagInputs(
  specs: readonly InputSpec[],
  flags: ReadonlyMap<string, readonly string[]>,
  context: ResolveContext,
): Promise<Record<string, unknown>> {
  const known = byName(specs);
  const values: Record<string, unknown> = {};
  for (const [name, texts] of flags) {
    const spec = known.get(name);
    if (!spec) continue;
    if (spec.type.list && texts.length === 1 && texts[0].trimStart().startsWith("[")) {
      const items = parseJsonArray(texts[0]);
      if (items) {
        values[name] = await resolveJsonItems(spec, items, context);
        continue;
      }
    }
    const resolved = [];
    for (const text of texts) resolved.push(await resolveText(spec, text, context));
    values[name] = spec.type.list || resolved.length > 1 ? resolved : resolved[0];
  }
  return values;
}

/**
 * Resolves `--json` inputs: JSON values keep their types (no coercion); strings given to string,
 * Path and Secret inputs are resolved as on the command line (`@file`, URLs, `env:NAME`, `-`).
 */
export async function resolveJsonInputs(
  specs: readonly InputSpec[],
  given: Readonly<Record<string, unknown>>,
  context: ResolveContext,
): Promise<Record<string, unknown>> {
  const known = byName(specs);
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    const spec = known.get(name);
    if (!spec) continue;
    values[name] =
      Array.isArray(value) && spec.type.list ? await resolveJsonItems(spec, value, context) : await resolveJsonItem(spec, value, context);
  }
  return values;
}

async function resolveJsonItems(spec: InputSpec, items: readonly unknown[], context: ResolveContext): Promise<unknown[]> {
  const out = [];
  for (const item of items) out.push(await resolveJsonItem(spec, item, context));
  return out;
}

function resolveJsonItem(spec: InputSpec, value: unknown, context: ResolveContext): Promise<unknown> | unknown {
  const textual = spec.type.base === "string" || spec.type.base === "path" || spec.type.base === "secret";
  return typeof value === "string" && textual ? resolveText(spec, value, context) : value;
}

function parseJsonArray(text: string): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
