import { type InputSpec, Secret } from "@tsc-cog/sdk";
import type { CommandIO } from "../../io.js";
import { promptHidden } from "../../terminal/prompt-hidden.js";

/**
 * Asks, with a hidden prompt, for each required secret input that was not given — only when stdin
 * is a terminal; otherwise validation reports the missing input as usual.
 */
export async function promptMissingSecrets(specs: readonly InputSpec[], given: Record<string, unknown>, io: CommandIO): Promise<void> {
  if (io.stdin.isTTY !== true) return;
  for (const spec of specs) {
    if (spec.type.base !== "secret" || spec.type.list || !spec.required || given[spec.name] !== undefined) continue;
    const label = spec.description ? `${spec.name} (${spec.description})` : spec.name;
    given[spec.name] = new Secret(await promptHidden(`${label}: `, io));
  }
}
