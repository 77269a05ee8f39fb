import { existsSync } from "node:fs";
import { join } from "node:path";
import { checkSecretName, readCogConfig, SECRET_ENV_PREFIX, secretStoreDir, writeStoredSecret } from "@tsc-cog/runtime";
import type { CommandIO } from "../../io.js";
import type { SecretsSetOptions } from "../options.js";
import { readSecretValue } from "./read-value.js";

/**
 * Stores a deployment secret in the local store, read from a hidden prompt or stdin — never from
 * argv: a value given as an argument is refused (exit 2) when the command line is parsed, before this runs.
 */
export async function secretsSet(options: SecretsSetOptions, io: CommandIO): Promise<void> {
  checkSecretName(options.name);
  const value = await readSecretValue(options.name, io);
  const dir = secretStoreDir(io.env);
  const replaced = existsSync(join(dir, options.name));
  const file = writeStoredSecret(dir, options.name, value);
  io.info(`${replaced ? "Replaced" : "Stored"} secret "${options.name}" in ${file} (mode 600: only you can read it)`);
  for (const note of shadowNotes(options.name, io)) io.warn(note);
}

/** Why the stored value may not be the one a predictor sees: a stronger source, or no declaration. */
function shadowNotes(name: string, io: CommandIO): string[] {
  const notes: string[] = [];
  const variable = `${SECRET_ENV_PREFIX}${name}`;
  if ((io.env[variable] ?? "") !== "") notes.push(`$${variable} is set in this environment and takes precedence over the store`);
  let declared: readonly string[] | undefined;
  try {
    declared = readCogConfig(io.cwd)?.secrets;
  } catch {
    // A broken cog.yaml is reported by the commands that use it; storing a secret does not need it.
  }
  if (declared !== undefined && !declared.includes(name)) {
    notes.push(`cog.yaml here does not declare "${name}"; add \`${name}: null\` under secrets: for the predictor to see it`);
  }
  return notes;
}
