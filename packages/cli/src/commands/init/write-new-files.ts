import { randomBytes } from "node:crypto";
import { linkSync, lstatSync, mkdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { ProjectFile } from "./project-files.js";

/** Some of the files to write already exist: nothing was written. */
export class FilesExistError extends Error {
  constructor(readonly existing: readonly string[]) {
    super(`already has ${existing.join(", ")}`);
    this.name = "FilesExistError";
  }
}

/** The names among `names` that exist in `dir` (a dangling symlink counts: writing would follow it). */
export function existingFiles(dir: string, names: readonly string[]): string[] {
  return names.filter((name) => {
    try {
      lstatSync(join(dir, name));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
  });
}

/**
 * Writes every file into `dir` (created with its parents if missing) or none: throws
 * {@link FilesExistError} naming each file that exists, without writing. Each file is written whole to
 * a temporary name, then hard-linked to its own — a link never replaces a file, even one created since
 * the check — and on any failure every file and folder this call made is removed again.
 */
export function writeNewFiles(dir: string, files: readonly ProjectFile[]): void {
  const names = files.map((file) => file.name);
  const existing = existingFiles(dir, names);
  if (existing.length > 0) throw new FilesExistError(existing);
  const createdDirs = createFolders(dir);
  const suffix = `.tsc-cog-init-${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  const temporary: string[] = [];
  const written: string[] = [];
  try {
    for (const file of files) {
      const path = join(dir, `${file.name}${suffix}`);
      writeFileSync(path, file.content, { flag: "wx" });
      temporary.push(path);
    }
    files.forEach((file, i) => {
      placeNew(temporary[i], join(dir, file.name));
      written.push(join(dir, file.name));
    });
  } catch (error) {
    for (const path of [...written, ...temporary]) rmSync(path, { force: true });
    for (const folder of createdDirs.reverse()) removeEmptyFolder(folder);
    // Only a file created between the check and the write can be in the way: report it like the check.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new FilesExistError(existingFiles(dir, names));
    throw error;
  }
  for (const path of temporary) rmSync(path, { force: true });
}

/** Gives the whole file at `temporary` the name `path`, never replacing a file already there. */
function placeNew(temporary: string, path: string): void {
  try {
    linkSync(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A filesystem without hard links: a rename, after one more look (it would replace a file).
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
    if (existingFiles(dirname(path), [basename(path)]).length > 0) throw Object.assign(new Error(`${path} exists`), { code: "EEXIST" });
    renameSync(temporary, path);
  }
}

/** Creates `dir` and any missing parents; returns the folders it created, outermost first. */
function createFolders(dir: string): string[] {
  const first = mkdirSync(dir, { recursive: true });
  if (first === undefined) return [];
  const folders: string[] = [];
  for (let folder = dir; folder !== first && folder !== dirname(folder); folder = dirname(folder)) folders.unshift(folder);
  return [first, ...folders];
}

function removeEmptyFolder(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // Not empty: something else was put there meanwhile, and it is not ours to remove.
  }
}
