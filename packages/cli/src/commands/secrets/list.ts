import { join } from "node:path";
import {
  listStoredSecrets,
  lookupSecret,
  placesFor,
  readCogConfig,
  readStoredSecret,
  type SecretSources,
  secretStoreDir,
} from "@tsc-cog/runtime";
import type { CommandIO } from "../../io.js";
import type { SecretsListOptions } from "../options.js";

/**
 * Prints the names in the local store and, when the current directory has a cog.yaml, each declared
 * secret with where it resolves from now (`<dir> file`, `env`, `store` or `missing`) — never a value.
 * A store file that other users can read is flagged with the chmod to run.
 */
export async function secretsList(options: SecretsListOptions, io: CommandIO): Promise<void> {
  const sources: SecretSources = { secretsDir: options.secretsDir, env: io.env, storeDir: secretStoreDir(io.env) };
  const config = readCogConfig(io.cwd);
  const lines: string[] = [];
  const stored = listStoredSecrets(sources.storeDir);
  if (stored.length === 0) {
    lines.push(`No secrets in the local store (${sources.storeDir}). Add one with: tsc-cog secrets set NAME`);
  } else {
    lines.push(`Local store (${sources.storeDir}):`);
    lines.push(...table(stored.map((name) => [name, storeProblem(sources.storeDir, name)])));
  }
  if (config !== undefined) {
    lines.push("");
    if (config.secrets.length === 0) lines.push(`${config.file} declares no secrets.`);
    else {
      lines.push(`Declared in ${config.file} (first found wins: ${sources.secretsDir} file, env, store):`);
      lines.push(...table(config.secrets.map((name) => [name, resolution(name, sources)])));
    }
  }
  io.stdout.write(`${lines.join("\n")}\n`);
}

/** Where a declared secret resolves from, as `source  place`; the place is a path or variable name, never a value. */
function resolution(name: string, sources: SecretSources): string {
  try {
    const found = lookupSecret(name, sources);
    if (found === undefined) return `missing  looked in ${placesFor(name, sources)}`;
    const label = found.source === "file" ? `${sources.secretsDir} file` : found.source;
    return `${label}  ${found.place}`;
  } catch (error) {
    return `refused  ${(error as Error).message}`;
  }
}

/** Why a stored secret cannot be used, or `""`. The value read for the check is discarded. */
function storeProblem(dir: string, name: string): string {
  try {
    readStoredSecret(dir, name);
    return "";
  } catch (error) {
    return `refused: ${(error as Error).message.replace(`refusing to use the stored secret ${join(dir, name)}: `, "")}`;
  }
}

/** Two columns, the first padded to the longest name. */
function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, detail]) => `  ${detail === "" ? name : `${name.padEnd(width)}  ${detail}`}`);
}
