import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** A project file or folder left out of the context, and why (for the user). */
export interface Excluded {
  /** Relative to the project folder, `/`-separated; a folder ends with `/`. */
  readonly path: string;
  /** Set when it may hold secrets: the user is warned, naming it. */
  readonly sensitive: boolean;
}

/** What was copied and what was left out. */
export interface ProjectCopy {
  /** Relative paths of the files copied. */
  readonly files: readonly string[];
  readonly excluded: readonly Excluded[];
}

/** Never copied, silently: installed or generated, the context gets its own. */
const GENERATED = new Set(["node_modules", ".git", ".tsc-cog"]);

/** Names that hold secrets by convention: never copied, and the user is told. */
const SENSITIVE = (name: string, isDirectory: boolean) =>
  name === ".env" || name.startsWith(".env.") || (isDirectory && name === "secrets") || name === ".npmrc" || name.endsWith(".pem");

/**
 * Copies the project's own files into `target` (the image's /app), leaving out what is installed or
 * generated (node_modules, .git, .tsc-cog), what its `.dockerignore` names (plain paths and `*`
 * patterns), and what conventionally holds secrets — `.env*`, a `secrets/` folder, `.npmrc`, `*.pem`
 * and the local secret store if it lives inside the project — reported as sensitive. Symlinks are
 * followed only when they stay inside the project (a link to elsewhere is left out, not followed).
 */
export function copyProjectFiles(
  project: string,
  target: string,
  options: {
    /** Folders that hold secrets (the local store): left out, reported as sensitive. */
    readonly sensitive: readonly string[];
    /** Folders left out silently (the context itself, when it is inside the project). */
    readonly skip: readonly string[];
  },
): ProjectCopy {
  const files: string[] = [];
  const excluded: Excluded[] = [];
  const ignored = dockerignorePatterns(project);
  const root = realpathSync(project);
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : path);
  const sensitive = options.sensitive.map(real);
  const skip = options.skip.map(real);
  const within = (path: string, folders: readonly string[]) =>
    folders.some((folder) => path === folder || path.startsWith(`${folder}${sep}`));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      const rel = relative(project, path).split(sep).join("/");
      let resolved: string;
      try {
        resolved = realpathSync(path);
      } catch {
        continue; // a dangling link
      }
      const isDirectory = lstatSync(resolved).isDirectory();
      const shown = isDirectory ? `${rel}/` : rel;
      if ((GENERATED.has(entry.name) && dir === project) || within(resolved, skip)) continue;
      if (within(resolved, sensitive)) {
        excluded.push({ path: shown, sensitive: true });
        continue;
      }
      if (SENSITIVE(entry.name, isDirectory)) {
        excluded.push({ path: shown, sensitive: true });
        continue;
      }
      if (!within(resolved, [root])) {
        excluded.push({ path: shown, sensitive: false });
        continue;
      }
      if (ignored.some((pattern) => pattern.test(rel))) {
        excluded.push({ path: shown, sensitive: false });
        continue;
      }
      const to = join(target, relative(project, path));
      if (isDirectory) {
        mkdirSync(to, { recursive: true });
        walk(path);
      } else if (lstatSync(resolved).isFile()) {
        copyFileSync(resolved, to);
        files.push(rel);
      }
    }
  };
  mkdirSync(target, { recursive: true });
  walk(project);
  return { files, excluded };
}

/**
 * The project's `.dockerignore` as matchers of `/`-separated relative paths: each line a path or a
 * pattern with `*` (within a name), `**` (any depth) and `?`; a trailing `/` is dropped; `#` lines and
 * `!` exceptions are ignored (an exception never puts back what tsc-cog leaves out).
 */
function dockerignorePatterns(project: string): RegExp[] {
  let text: string;
  try {
    text = readFileSync(join(project, ".dockerignore"), "utf8");
  } catch {
    return [];
  }
  const patterns: RegExp[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^\/+/, "").replace(/\/+$/, "");
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    const body = line
      .split("/")
      .map((part) =>
        part === "**"
          ? ".*"
          : part
              .replace(/[.+^${}()|[\]\\]/g, "\\$&")
              .replace(/\*/g, "[^/]*")
              .replace(/\?/g, "[^/]"),
      )
      .join("/");
    // A pattern without a slash matches that name at any depth, as most users expect of .dockerignore.
    patterns.push(new RegExp(line.includes("/") ? `^${body}(/.*)?$` : `(^|/)${body}(/.*)?$`));
  }
  return patterns;
}
