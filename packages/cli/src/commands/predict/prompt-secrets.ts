import { UsageError } from "@tsc-cog/runtime";
import { type InputIssue, Secret } from "@tsc-cog/sdk";
import { type InputSpec } from "@tsc-cog/sdk/engine";
import type { CommandIO } from "../../io.js";
import { promptHidden } from "../../terminal/prompt-hidden.js";

/**
 * Asks, with a hidden prompt, for each required secret input that was not given — only when stdin
 * is a terminal; otherwise {@link missingSecretIssues} says how to give it. An empty answer is a
 * {@link UsageError} (exit 2, nothing ran), Ctrl-C a cancellation (exit 130).
 */
export async function promptMissingSecrets(specs: readonly InputSpec[], given: Record<string, unknown>, io: CommandIO): Promise<void> {
  if (io.stdin.isTTY !== true) return;
  for (const spec of specs) {
    if (!isMissingSecret(spec, given) || spec.type.list) continue;
    const value = await promptHidden(secretPromptLabel(spec), io);
    if (value === "") throw new UsageError(`no value typed for secret input "${spec.name}"; nothing ran`);
    given[spec.name] = new Secret(value);
  }
}

/**
 * The hidden prompt's question: `Secret input "token" — API token. Type or paste it (hidden): `.
 * The description is not put in parentheses: its own would nest in ours.
 */
export function secretPromptLabel(spec: InputSpec): string {
  const description = spec.description?.split("\n")[0].trim().replace(/\.$/, "");
  return `Secret input "${spec.name}"${description ? ` — ${description}` : ""}. Type or paste it (hidden): `;
}

/**
 * The required secret inputs still missing (not given, not prompted for), each as a `missing` issue
 * that names the safe ways to give it, in the form the inputs were given in (`-i` or `--json`). An
 * input that could not be resolved already has its issue.
 */
export function missingSecretIssues(
  specs: readonly InputSpec[],
  resolved: { readonly values: Readonly<Record<string, unknown>>; readonly issues: readonly InputIssue[] },
  options: { readonly json: boolean; readonly terminal: boolean },
): InputIssue[] {
  const { json, terminal } = options;
  return specs
    .filter((spec) => isMissingSecret(spec, resolved.values) && !resolved.issues.some((issue) => issue.input === spec.name))
    .map((spec) => {
      const ways = json
        ? `"${spec.name}": "@FILE", "env:NAME" or "-" (stdin) in --json`
        : `-i ${spec.name}=@FILE, -i ${spec.name}=env:NAME or -i ${spec.name}=- (stdin)`;
      const hint = `give it as ${ways}${spec.type.list || terminal ? "" : ", or run in a terminal to type it at a hidden prompt"}`;
      return {
        code: "missing",
        input: spec.name,
        detail: `is required; ${hint}`,
        message: `missing required secret input "${spec.name}"; ${hint}`,
      };
    });
}

function isMissingSecret(spec: InputSpec, given: Readonly<Record<string, unknown>>): boolean {
  return spec.type.base === "secret" && spec.required && given[spec.name] === undefined;
}
