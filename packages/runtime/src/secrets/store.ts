import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { UsageError } from "../project/errors.js";

/**
 * The local secret store folder: `$XDG_CONFIG_HOME/tsc-cog/secrets`, or `~/.config/tsc-cog/secrets`
 * when that variable is unset, empty or relative (as the XDG spec says to treat it).
 */
export function secretStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(env.HOME && isAbsolute(env.HOME) ? env.HOME : homedir(), ".config");
  return join(base, "tsc-cog", "secrets");
}

const NAME = /^[-._a-zA-Z0-9]{1,253}$/;

/** True when `name` can name a secret: 1–253 letters, digits, ".", "_" or "-" (Kubernetes' rule for secret keys), not "." or "..". */
export function isSecretName(name: string): boolean {
  return NAME.test(name) && name !== "." && name !== "..";
}

function checkName(name: string): void {
  // A name with "=" is most likely NAME=VALUE typed by mistake: never repeat what follows the "=".
  if (name.includes("=")) {
    throw new UsageError(
      `secret names cannot contain "=" (got "${name.slice(0, name.indexOf("="))}=…"); the value is never given on the command line: ` +
        `run tsc-cog secrets set ${name.slice(0, name.indexOf("="))} and type it at the prompt, or pipe it in`,
    );
  }
  if (!isSecretName(name)) {
    throw new UsageError(`"${name}" is not a valid secret name: use letters, digits, ".", "_" and "-" (as in cog.yaml's secrets:)`);
  }
}

/**
 * The stored value of `name`, or `undefined` when the store has none. A store file that other users
 * can read is refused, with the chmod to run.
 */
export function readStoredSecret(dir: string, name: string): string | undefined {
  checkName(name);
  const file = join(dir, name);
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(file);
  } catch {
    return undefined;
  }
  if (!stats.isFile()) return undefined;
  const mode = stats.mode;
  if ((mode & 0o077) !== 0) {
    throw new UsageError(
      `refusing to use the stored secret ${file}: other users can read or change it (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${file}`,
    );
  }
  return readFileSync(file, "utf8");
}

/** Checks `name` as a secret name (the rules of cog.yaml's `secrets:`); throws a {@link UsageError} that never repeats a value typed as NAME=VALUE. */
export function checkSecretName(name: string): void {
  checkName(name);
}

/**
 * Stores `value` as `name` and returns the file: folder 0700, file 0600, written to a temp file
 * in the same folder, flushed to disk and renamed over the old one — a reader (or a crash) sees the
 * old value or the new one, never part of one.
 */
export function writeStoredSecret(dir: string, name: string, value: string): string {
  checkName(name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = join(dir, name);
  const temp = join(dir, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const fd = openSync(temp, "wx", 0o600);
    try {
      writeSync(fd, value);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
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
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw new UsageError(`cannot remove ${join(dir, name)}: ${(error as Error).message}`);
  }
}

/** The names in the store, sorted (never their values); temp files of a write in progress are not names. */
export function listStoredSecrets(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.filter((n) => !n.startsWith(".") && isSecretName(n)).sort();
}
