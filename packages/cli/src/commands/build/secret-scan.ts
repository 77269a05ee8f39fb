import { readFileSync } from "node:fs";
import { join } from "node:path";
import { listStoredSecrets, lookupSecret, readStoredSecret, SECRET_ENV_PREFIX, secretStoreDir } from "@tsc-cog/runtime";
import { Redactor } from "@tsc-cog/sdk/engine";

/** A secret value this machine knows, by name (never shown). */
export interface KnownSecret {
  readonly name: string;
  readonly value: string;
}

/**
 * Every secret value this machine could hand the predictor: the project's declared deployment secrets
 * wherever they resolve (`/secrets`, `TSC_COG_SECRET_*`, the local store), every other
 * `TSC_COG_SECRET_*` variable and everything in the local store. `tsc-cog build` makes sure none of
 * them is in the build context.
 */
export function knownSecrets(declared: readonly string[], env: NodeJS.ProcessEnv): KnownSecret[] {
  const storeDir = secretStoreDir(env);
  const found = new Map<string, string>();
  for (const name of declared) {
    try {
      const hit = lookupSecret(name, { secretsDir: "/secrets", env, storeDir });
      if (hit) found.set(`${name}@${hit.source}`, hit.value);
    } catch {
      // Unreadable here: nothing to compare with.
    }
  }
  for (const [key, value] of Object.entries(env))
    if (key.startsWith(SECRET_ENV_PREFIX) && value) found.set(`${key.slice(SECRET_ENV_PREFIX.length)}@env`, value);
  for (const name of safeList(storeDir)) {
    try {
      const value = readStoredSecret(storeDir, name);
      if (value) found.set(`${name}@store`, value);
    } catch {
      // A store file with loose permissions is refused by the store; not ours to report here.
    }
  }
  return [...found].map(([key, value]) => ({ name: key.slice(0, key.lastIndexOf("@")), value }));
}

function safeList(dir: string): string[] {
  try {
    return listStoredSecrets(dir);
  } catch {
    return [];
  }
}

/** A file of the context that holds a known secret, and which (by name). */
export interface SecretInContext {
  readonly file: string;
  readonly secret: string;
}

/**
 * The files (relative to `root`) holding one of `secrets` in any form the redaction engine knows
 * (raw, JSON- and URL-escaped, base64…). Files are read as UTF-8; binary files are compared as such.
 */
export function findSecretsInFiles(root: string, files: readonly string[], secrets: readonly KnownSecret[]): SecretInContext[] {
  const hits: SecretInContext[] = [];
  const byName = secrets.map((secret) => {
    const redactor = new Redactor();
    redactor.register(secret.value, secret.name, "deployment");
    return { name: secret.name, redactor };
  });
  for (const file of files) {
    const text = readFileSync(join(root, file), "utf8");
    for (const { name, redactor } of byName) if (redactor.redactText(text) !== text) hits.push({ file, secret: name });
  }
  return hits;
}
