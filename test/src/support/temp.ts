import { randomBytes } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const created: string[] = [];
let sandbox: string | undefined;

process.on("exit", () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the system temp folder, removed when this process exits. */
export function tempDir(prefix = "tsc-cog-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** One temp folder per test process for what runs share (compile cache, config home, default cwd). */
export function sandboxDir(): string {
  sandbox ??= tempDir("tsc-cog-sandbox-");
  return sandbox;
}

/** Writes `files` (relative path → content) under `dir`, creating folders; returns `dir`. */
export function writeFiles(dir: string, files: Readonly<Record<string, string | Buffer>>): string {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** A copy of `source` (a folder) in a new temp folder; returns the copy's path. */
export function copyToTemp(source: string, prefix?: string): string {
  const dir = tempDir(prefix);
  cpSync(source, dir, { recursive: true });
  return dir;
}

/**
 * Folders in which whoever runs the tests cannot create a file, root included: a fresh read-only
 * (0555) temp folder, which refuses everyone but root, and on Linux /proc/sys, where the kernel
 * refuses new files to every user. Each is tried first and kept only if it really refuses a new file,
 * so a test looping over them proves its point as a user and as root alike (never an empty list on
 * Linux; no user `nobody` needed, who may not be able to read a checkout in a private folder).
 */
export function unwritableFolders(): string[] {
  const readOnly = join(tempDir("tsc-cog-ro-"), "read-only");
  mkdirSync(readOnly);
  chmodSync(readOnly, 0o555);
  return [readOnly, "/proc/sys"].filter((folder) => {
    if (!existsSync(folder)) return false; // no /proc/sys outside Linux
    const probe = join(folder, `.tsc-cog-probe-${randomBytes(4).toString("hex")}`);
    try {
      writeFileSync(probe, "", { flag: "wx" });
    } catch {
      return true;
    }
    rmSync(probe, { force: true });
    return false;
  });
}
