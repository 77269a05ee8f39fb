import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { UsageError } from "../project/errors.js";

/** The local secret store folder: `$XDG_CONFIG_HOME/tsc-cog/secrets` (default `~/.config/tsc-cog/secrets`). */
export function secretStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== "" ? env.XDG_CONFIG_HOME : join(homedir(), ".config");
  return join(base, "tsc-cog", "secrets");
}

const NAME = /^[-._a-zA-Z0-9]{1,253}$/;

function checkName(name: string): void {
  if (!NAME.test(name) || name === "." || name === "..") {
    throw new UsageError(`"${name}" is not a valid secret name: use letters, digits, ".", "_" and "-"`);
  }
}

/**
 * The stored value of `name`, or `undefined` when the store has none. A store file that other users
 * can read is refused, with the chmod to run.
 */
export function readStoredSecret(dir: string, name: string): string | undefined {
  checkName(name);
  const file = join(dir, name);
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    return undefined;
  }
  if ((mode & 0o077) !== 0) {
    throw new UsageError(`refusing to use ${file}: other users can read it (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${file}`);
  }
  return readFileSync(file, "utf8");
}

/** Stores `value` as `name`: folder 0700, file 0600, written to a temp file and renamed (never half-written). */
export function writeStoredSecret(dir: string, name: string, value: string): string {
  checkName(name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = join(dir, name);
  const temp = join(dir, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    writeFileSync(temp, value, { mode: 0o600, flag: "wx" });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return file;
}

/** Removes `name` from the store; false when it was not there. */
export function removeStoredSecret(dir: string, name: string): boolean {
  checkName(name);
  try {
    rmSync(join(dir, name));
    return true;
  } catch {
    return false;
  }
}

/** The names in the store (never their values). */
export function listStoredSecrets(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => !n.startsWith(".")).sort();
  } catch {
    return [];
  }
}
