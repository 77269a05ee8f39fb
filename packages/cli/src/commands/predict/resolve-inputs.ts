import { InputProblem } from "@tsc-cog/runtime";
import type { InputIssue } from "@tsc-cog/sdk";
import { type InputSpec, unionListMember } from "@tsc-cog/sdk/engine";
import type { ResolveContext } from "./resolve-context.js";
import { resolveText } from "./resolve-value.js";

/** Resolved inputs, and the problems of those that could not be resolved (all of them, not just the first). */
export interface ResolvedInputs {
  readonly values: Record<string, unknown>;
  readonly issues: InputIssue[];
}

const byName = (specs: readonly InputSpec[]) => new Map(specs.map((s) => [s.name, s]));

/**
 * Resolves parsed `-i` flags (names already checked) into typed values: repeated flags form a list,
 * a list also takes one JSON array; every text goes through {@link resolveText}.
 */
export async function resolveFlagInputs(
  specs: readonly InputSpec[],
  flags: ReadonlyMap<string, readonly string[]>,
  context: ResolveContext,
): Promise<ResolvedInputs> {
  const known = byName(specs);
  const resolved: ResolvedInputs = { values: {}, issues: [] };
  for (const [name, texts] of flags) {
    const spec = known.get(name);
    if (!spec) continue;
    await collect(resolved, name, async () => {
      if (spec.type.list && texts.length === 1 && texts[0].trimStart().startsWith("[")) {
        const items = parseJsonArray(texts[0]);
        if (items) return resolveJsonItems(spec, items, context);
      }
      const values = [];
      for (const [index, text] of texts.entries()) values.push(await resolveText(spec, text, context, spec.type.list ? index : undefined));
      // A union whose first member is a list takes repeated flags as one list, as a list input does.
      if (unionListMember(spec.type) && values.length > 1) return values.flat();
      return spec.type.list || values.length > 1 ? values : values[0];
    });
  }
  return resolved;
}

/**
 * Resolves `--json` inputs: JSON values keep their types (no coercion); strings given to string,
 * Path and Secret inputs are resolved as on the command line (`@file`, URLs, `env:NAME`, `-`).
 */
export async function resolveJsonInputs(
  specs: readonly InputSpec[],
  given: Readonly<Record<string, unknown>>,
  context: ResolveContext,
): Promise<ResolvedInputs> {
  const known = byName(specs);
  const resolved: ResolvedInputs = { values: {}, issues: [] };
  for (const [name, value] of Object.entries(given)) {
    const spec = known.get(name);
    if (!spec) continue;
    await collect(resolved, name, async () =>
      Array.isArray(value) && spec.type.list ? resolveJsonItems(spec, value, context) : resolveJsonItem(spec, value, context),
    );
  }
  return resolved;
}

/** Resolves one input into `resolved`, or records why it cannot be; other errors (Ctrl-C) pass through. */
async function collect(resolved: ResolvedInputs, name: string, resolve: () => Promise<unknown>): Promise<void> {
  try {
    resolved.values[name] = await resolve();
  } catch (error) {
    if (!(error instanceof InputProblem)) throw error;
    resolved.issues.push(error.issue);
  }
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
