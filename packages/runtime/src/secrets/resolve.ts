import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../project/errors.js";
import { dropTrailingNewline } from "../values/text.js";
import { readStoredSecret } from "./store.js";

/** Where deployment secrets are looked for, in order. */
export interface SecretSources {
  /** `--secrets-dir`, default `/secrets` (a Kubernetes secret volume). */
  readonly secretsDir: string;
  /** The environment holding `TSC_COG_SECRET_<name>`. */
  readonly env: NodeJS.ProcessEnv;
  /** The local store folder (`tsc-cog secrets set`). */
  readonly storeDir: string;
}

/** Where one secret's value was found. */
export type SecretSource = "file" | "env" | "store";

/** The prefix of environment variables that supply deployment secrets. */
export const SECRET_ENV_PREFIX = "TSC_COG_SECRET_";

/** A declared secret that resolves nowhere; lists every secret missing and every place looked in. */
export class SecretNotFoundError extends UsageError {
  readonly names: readonly string[];
  constructor(names: readonly string[], sources: SecretSources) {
    const lines = names.map((name) => `secret "${name}" not found; looked in ${placesFor(name, sources)}`);
    super(lines.join("\n"));
    this.name = "SecretNotFoundError";
    this.names = names;
  }
}

/** The places `name` is looked for, in order, as a user reads them. */
export function placesFor(name: string, sources: SecretSources): string {
  return `${join(sources.secretsDir, name)}, $${SECRET_ENV_PREFIX}${name}, the local store (tsc-cog secrets set ${name})`;
}

/** Where `name` resolves from now, without reading more than needed; `undefined` when nowhere. */
export function lookupSecret(name: string, sources: SecretSources): { value: string; source: SecretSource } | undefined {
  const file = join(sources.secretsDir, name);
  try {
    if (statSync(file).isFile()) return { value: dropTrailingNewline(readFileSync(file, "utf8")), source: "file" };
  } catch {
    // Not mounted here: try the next place.
  }
  const fromEnv = sources.env[`${SECRET_ENV_PREFIX}${name}`];
  if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, source: "env" };
  const stored = readStoredSecret(sources.storeDir, name);
  if (stored !== undefined && stored !== "") return { value: stored, source: "store" };
  return undefined;
}

/**
 * Resolves every declared deployment secret, first found wins: the secrets-dir file, the
 * environment, the local store. All that resolve nowhere fail together, before setup runs.
 */
export function resolveDeploymentSecrets(names: readonly string[], sources: SecretSources): Map<string, string> {
  const values = new Map<string, string>();
  const missing: string[] = [];
  for (const name of names) {
    const found = lookupSecret(name, sources);
    if (found) values.set(name, found.value);
    else missing.push(name);
  }
  if (missing.length > 0) throw new SecretNotFoundError(missing, sources);
  return values;
}

/** An environment without any `TSC_COG_SECRET_*` variable, for the worker (a library that dumps its environment finds nothing). */
export function withoutSecretVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith(SECRET_ENV_PREFIX)));
}

