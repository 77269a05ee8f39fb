import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describeFsError, UsageError } from "@tsc-cog/runtime";
import { InputValidationError } from "@tsc-cog/sdk";
import { type PredictorSpec, unknownInputsIssue } from "@tsc-cog/sdk/engine";
import type { CommandIO } from "../../io.js";
import { parseJsonInputs } from "./parse-input-flags.js";
import { missingSecretIssues, promptMissingSecrets } from "./prompt-secrets.js";
import type { ResolveContext } from "./resolve-context.js";
import { type ResolvedInputs, resolveFlagInputs, resolveJsonInputs } from "./resolve-inputs.js";

/**
 * Collects the inputs of one prediction: from `--json` (inline, `@file`, `-`/`@-`) or from the parsed
 * `-i` flags, resolved by type (files, `env:`, stdin, URLs); unknown names are reported first, before
 * any file is read (Cog #3097); a missing required secret is asked for on a terminal. Inputs that
 * cannot be resolved, and missing secrets (with the ways to give them), come back as issues, for the caller
 * to report with the validation issues.
 */
export async function gatherInputs(
  spec: PredictorSpec,
  flags: Map<string, string[]>,
  json: string | undefined,
  context: ResolveContext,
  io: CommandIO,
): Promise<ResolvedInputs> {
  const names = spec.inputs.map((i) => i.name);
  let resolved: ResolvedInputs;
  if (json !== undefined) {
    const parsed = parseJsonInputs(
      await readJsonOption(json, context),
      json === "-" || json === "@-" ? "(stdin)" : json.startsWith("@") ? json : "value",
    );
    const unknown = unknownInputsIssue(names, Object.keys(parsed));
    if (unknown) throw new InputValidationError([unknown]);
    resolved = await resolveJsonInputs(spec.inputs, parsed, context);
  } else {
    // Unknown names are reported before any file is read (Cog #3097).
    const unknown = unknownInputsIssue(names, [...flags.keys()]);
    if (unknown) throw new InputValidationError([unknown]);
    resolved = await resolveFlagInputs(spec.inputs, flags, context);
  }
  if (resolved.issues.length === 0) await promptMissingSecrets(spec.inputs, resolved.values, io);
  resolved.issues.push(...missingSecretIssues(spec.inputs, resolved, { json: json !== undefined, terminal: io.stdin.isTTY === true }));
  return resolved;
}

async function readJsonOption(option: string, context: ResolveContext): Promise<string> {
  if (option === "-" || option === "@-") return context.readStdin("--json");
  if (option.startsWith("@")) {
    try {
      return readFileSync(resolve(context.cwd, option.slice(1)), "utf8");
    } catch (error) {
      throw new UsageError(`--json ${option}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? describeFsError(error)})`);
    }
  }
  return option;
}
