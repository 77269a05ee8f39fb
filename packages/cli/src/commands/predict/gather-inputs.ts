import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "@tsc-cog/runtime";
import { InputValidationError, type PredictorSpec, unknownInputsIssue } from "@tsc-cog/sdk";
import type { CommandIO } from "../../io.js";
import { parseJsonInputs } from "./parse-input-flags.js";
import { promptMissingSecrets } from "./prompt-secrets.js";
import type { ResolveContext } from "./resolve-context.js";
import { resolveFlagInputs, resolveJsonInputs } from "./resolve-inputs.js";

/**
 * Collects the inputs of one prediction: from `--json` (inline, `@file`, `-`/`@-`) or from the parsed
 * `-i` flags, resolved by type (files, `env:`, stdin, URLs); unknown names are reported first, before
 * any file is read (Cog #3097); a missing required secret is asked for on a terminal.
 */
export async function gatherInputs(
  spec: PredictorSpec,
  flags: Map<string, string[]>,
  json: string | undefined,
  context: ResolveContext,
  io: CommandIO,
): Promise<Record<string, unknown>> {
  const names = spec.inputs.map((i) => i.name);
  let given: Record<string, unknown>;
  if (json !== undefined) {
    const parsed = parseJsonInputs(
      await readJsonOption(json, context),
      json === "-" || json === "@-" ? "(stdin)" : json.startsWith("@") ? json : "value",
    );
    const unknown = unknownInputsIssue(names, Object.keys(parsed));
    if (unknown) throw new InputValidationError([unknown]);
    given = await resolveJsonInputs(spec.inputs, parsed, context);
  } else {
    // Unknown names are reported before any file is read (Cog #3097).
    const unknown = unknownInputsIssue(names, [...flags.keys()]);
    if (unknown) throw new InputValidationError([unknown]);
    given = await resolveFlagInputs(spec.inputs, flags, context);
  }
  await promptMissingSecrets(spec.inputs, given, io);
  return given;
}

async function readJsonOption(option: string, context: ResolveContext): Promise<string> {
  if (option === "-" || option === "@-") return context.readStdin("--json");
  if (option.startsWith("@")) {
    try {
      return readFileSync(resolve(context.cwd, option.slice(1)), "utf8");
    } catch (error) {
      throw new UsageError(`--json ${option}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  return option;
}
