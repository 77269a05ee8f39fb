import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { UsageError } from "@tsc-cog/runtime";

/** What a package.json says that matters here. */
interface Manifest {
  readonly name: string;
  readonly version?: string;
  readonly files?: readonly string[];
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

/** A package to install into the context: found from a folder as Node would (`from`), or at a known folder (`dir`). */
export type PackageRoot =
  | {
      readonly name: string;
      /** The folder the dependency is resolved from (the project's). */
      readonly from: string;
      /** Skipped, not an error, when it cannot be found (the runtime provides its own copy). */
      readonly optional?: boolean;
    }
  | { readonly name: string; readonly dir: string };

/** Files every package keeps besides its `files`. */
const ALWAYS = ["package.json", "README.md", "LICENSE", "LICENSE.md"];

/**
 * Installs `roots` and everything they depend on (`dependencies` and installed `optionalDependencies`,
 * never dev ones) into `nodeModules`, as npm lays packages out: each at the top when it can be, nested
 * under its dependent when another version already holds the top. Packages are found as Node finds
 * them — `node_modules` folders upward from the dependent's real folder — so it works on npm, pnpm
 * (symlinked) and workspace layouts alike. Copies real files (no symlinks out of the context); a
 * workspace package (not inside a `node_modules`) copies only what it would publish (`files`).
 * Returns the names installed, for the report.
 */
export function installClosure(roots: readonly PackageRoot[], nodeModules: string): string[] {
  /** What each `node_modules` folder of the context holds: name → real source folder. */
  const placed = new Map<string, Map<string, string>>();
  const installed: string[] = [];
  const holder = (folder: string) => {
    let map = placed.get(folder);
    if (!map) placed.set(folder, (map = new Map()));
    return map;
  };

  const appRoot = dirname(nodeModules);
  /** The `node_modules` folders Node searches from a package placed at `location` (in the context), nearest first. */
  const chainOf = (location: string): string[] => {
    const chain: string[] = [];
    for (let dir = location; ; dir = dirname(dir)) {
      if (basename(dir) !== "node_modules") chain.push(join(dir, "node_modules"));
      if (dir === appRoot || dirname(dir) === dir) return chain;
    }
  };

  const place = (name: string, source: string, location: string): void => {
    // Resolved where Node will look from `location`: the nearest folder holding `name` wins.
    for (const folder of chainOf(location)) {
      const held = placed.get(folder)?.get(name);
      if (held === source) return;
      if (held !== undefined) {
        // Another version is visible from here: this one goes into the dependent's own node_modules
        // (for a root, the one already at the top wins: the project's own copy).
        if (location !== appRoot) copyTo(name, source, join(location, "node_modules"));
        return;
      }
    }
    copyTo(name, source, nodeModules);
  };

  const copyTo = (name: string, source: string, folder: string): void => {
    const target = join(folder, name);
    holder(folder).set(name, source);
    copyPackage(source, target);
    installed.push(name);
    const manifest = readManifest(source);
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    for (const dependency of new Set([...Object.keys(manifest.dependencies ?? {}), ...optional])) {
      const found = findPackage(dependency, source);
      if (found === undefined) {
        if (optional.has(dependency)) continue;
        throw new UsageError(
          `${manifest.name} needs ${dependency}, which is not installed (looked in node_modules above ${source}); reinstall your dependencies and try again`,
        );
      }
      place(dependency, found, target);
    }
  };

  for (const root of roots) {
    if ("dir" in root) {
      place(root.name, realpathSync(root.dir), appRoot);
      continue;
    }
    const found = findPackage(root.name, root.from);
    if (found !== undefined) place(root.name, found, appRoot);
    else if (!root.optional)
      throw new UsageError(
        `package.json depends on ${root.name}, which is not installed in ${join(root.from, "node_modules")}: run npm install (or pnpm install) first`,
      );
  }
  return installed;
}

/** The real folder of package `name` as Node would resolve it from `from`, or `undefined`. */
export function findPackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name, "package.json");
    if (existsSync(candidate)) return realpathSync(dirname(candidate));
    if (dirname(dir) === dir) return undefined;
  }
}

function readManifest(folder: string): Manifest {
  return JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as Manifest;
}

/**
 * Copies one package's files (never its own `node_modules`, never symlinks: their targets are
 * copied). A workspace package — one whose real folder is not inside a `node_modules` — copies only
 * what it publishes: its `files` entries that exist, and package.json, README and LICENSE.
 */
function copyPackage(source: string, target: string): void {
  mkdirSync(target, { recursive: true });
  const manifest = readManifest(source);
  const published = !source.split(sep).includes("node_modules") && manifest.files !== undefined;
  const skip = (path: string) => {
    const inner = relative(source, path);
    return inner === "node_modules" || inner.startsWith(`node_modules${sep}`) || inner.endsWith(".tsbuildinfo");
  };
  if (!published) {
    cpSync(source, target, { recursive: true, dereference: true, filter: (path) => !skip(path) });
    return;
  }
  for (const entry of [...ALWAYS, ...(manifest.files ?? [])]) {
    const from = join(source, entry);
    if (!existsSync(from)) continue;
    cpSync(from, join(target, entry), { recursive: true, dereference: true, filter: (path) => !skip(path) });
  }
}
