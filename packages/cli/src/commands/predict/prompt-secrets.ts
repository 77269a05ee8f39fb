import { UsageError } from "@tsc-cog/runtime";
import { Secret } from "@tsc-cog/sdk";
import { type InputSpec } from "@tsc-cog/sdk/engine";
import type { CommandIO } from "../../io.js";
import { promptHidden } from "../../terminal/prompt-hidden.js";

/**
 * Asks, with a hidden prompt, for each required secret input that was not given — only when stdin
 * is a terminal; otherwise validation reports the missing input as usual. An empty answer is a
 * {@link UsageError} (exit 2, nothing ran), Ctrl-C a cancellation (exit 130).
 */
export async function promptMissingSecrets(specs: readonly InputSpec[], given: Record<string, unknown>, io: CommandIO): Promise<void> {
  if (io.stdin.isTTY !== true) return;
  for (const spec of specs) {
    if (spec.type.base !== "secret" || spec.type.list || !spec.required || given[spec.name] !== undefined) continue;
    const label = spec.description ? `${spec.name} (${spec.description})` : spec.name;
    const value = await promptHidden(`Secret ${label} (typing is hidden): `, io);
    if (value === "") throw new UsageError(`no value typed for secret input "${spec.name}"; nothing ran`);
    given[spec.name] = new Secret(value);
  }
}
