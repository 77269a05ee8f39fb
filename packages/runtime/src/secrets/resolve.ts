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

/** Where one secret's value was found: the secrets-dir file, the environment or the local store. */
export type SecretSource = "file" | "env" | "store";

/** The prefix of environment variables that supply deployment secrets. */
export const SECRET_ENV_PREFIX = "TSC_COG_SECRET_";

/**
 * Declared secrets that resolve nowhere: one line per secret, each naming every place looked in
 * (and which of them held an empty value). Thrown before setup runs; the CLI exits 2.
 */
export class SecretNotFoundError extends UsageError {
  override readonly code: string = "SECRET_NOT_FOUND";
  readonly names: readonly string[];
  constructor(names: readonly string[], sources: SecretSources) {
    const lines = names.map((name) => `secret "${name}" not found; looked in ${placesFor(name, sources)}`);
    super(lines.length === 1 ? lines[0] : `${lines.length} deployment secrets not found:\n- ${lines.join("\n- ")}`);
    this.name = "SecretNotFoundError";
    this.names = names;
  }
}

/**
 * The places `name` is looked for, in order, as a user reads them; a place holding an empty value
 * says so, since an empty value counts as none.
 */
export function placesFor(name: string, sources: SecretSources): string {
  const file = join(sources.secretsDir, name);
  const variable = `${SECRET_ENV_PREFIX}${name}`;
  const empty = (seen: boolean) => (seen ? " (empty)" : "");
  return [
    `${file}${empty(isFile(file))}`,
    `$${variable}${empty(sources.env[variable] === "")}`,
    `the local store (tsc-cog secrets set ${name})`,
  ].join(", ");
}

/**
 * Where `name` resolves from now, first found wins: the file `<secretsDir>/<name>` (one trailing
 * newline dropped), `$TSC_COG_SECRET_<name>`, the local store. An empty value counts as none.
 * `undefined` when nowhere. Throws a {@link UsageError} for a secrets-dir file that exists but cannot
 * be read, or a store file that other users can read (never falling through to a weaker source).
 */
export function lookupSecret(name: string, sources: SecretSources): { value: string; source: SecretSource; place: string } | undefined {
  const file = join(sources.secretsDir, name);
  if (isFile(file)) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new UsageError(`secret "${name}": cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const value = dropTrailingNewline(text);
    if (value !== "") return { value, source: "file", place: file };
  }
  const variable = `${SECRET_ENV_PREFIX}${name}`;
  const fromEnv = sources.env[variable];
  if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, source: "env", place: `$${variable}` };
  const stored = readStoredSecret(sources.storeDir, name);
  if (stored !== undefined && stored !== "") return { value: stored, source: "store", place: join(sources.storeDir, name) };
  return undefined;
}

/**
 * Resolves every declared deployment secret (see {@link lookupSecret} for the order). All that
 * resolve nowhere fail together in one {@link SecretNotFoundError}, before setup runs.
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

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    // Not mounted here (or not reachable): the next place is tried.
    return false;
  }
}
