import { type Dirent, type FSWatcher, readdirSync, watch } from "node:fs";
import { basename, extname, join, relative, resolve, sep } from "node:path";

/** Files whose change reloads the workers: the predictor's sources, JSON it imports, and cog.yaml. */
const WATCHED_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".yaml", ".yml"]);

/** Folders never watched: dependencies, and every dot-folder (.git, .tsc-cog, editors' and tools' caches). */
const IGNORED_FOLDERS = new Set(["node_modules"]);

/** More folders than this is not a predictor project (a home folder?): the rest are not watched, and a warning says so. */
const MAX_FOLDERS = 2000;

/** The files (not folders) directly in `dir`, absolute; none if it cannot be read. */
function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(dir, entry.name));
  } catch {
    return [];
  }
}

/** What {@link watchProject} needs. */
export interface WatchOptions {
  /** Quiet time after the last change before `onChange` is called (ms). */
  readonly debounceMs: number;
  /** Absolute folders not to watch (the compile cache when it lives in the project). */
  readonly ignore: readonly string[];
  /** The changed files (relative to the project folder, sorted), once the changes stopped for `debounceMs`. */
  readonly onChange: (files: readonly string[]) => void;
  /** A message for the user (a folder that could not be watched). */
  readonly warn: (message: string) => void;
}

/** A running watch; `close()` stops it. */
export interface ProjectWatcher {
  close(): void;
}

/**
 * Watches a project folder for changes to source files (see {@link WATCHED_EXTENSIONS}), skipping
 * node_modules, dot-folders and `ignore`. One non-recursive `fs.watch` per folder, not
 * `fs.watch(dir, { recursive: true })`: on Linux, Node 20's recursive mode is emulated in JavaScript
 * over the whole tree, node_modules included (one inotify watch per folder, with no way to leave any
 * out), and it has had bugs with folders made or removed after the start. Per-folder watches behave
 * the same on Node 20, 22 and 24 and on macOS; folders made later are picked up after each change.
 */
export function watchProject(root: string, options: WatchOptions): ProjectWatcher {
  const ignored = new Set(options.ignore.map((dir) => resolve(dir)));
  const watchers = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let warnedTooMany = false;
  const unwatchable = new Set<string>();

  const folders = (): string[] => {
    const found: string[] = [];
    const queue = [root];
    while (queue.length > 0) {
      const dir = queue.shift() as string;
      if (found.length >= MAX_FOLDERS) {
        if (!warnedTooMany) options.warn(`more than ${MAX_FOLDERS} folders under ${root}: the rest are not watched`);
        warnedTooMany = true;
        break;
      }
      found.push(dir);
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue; // removed meanwhile, or unreadable: nothing to watch there
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && !entry.name.startsWith(".") && !IGNORED_FOLDERS.has(entry.name) && !ignored.has(path)) queue.push(path);
      }
    }
    return found;
  };

  const flush = () => {
    timer = undefined;
    if (closed) return;
    sync();
    if (pending.size === 0) return;
    const files = [...pending].sort();
    pending.clear();
    options.onChange(files);
  };

  const note = (file: string) => {
    if (WATCHED_EXTENSIONS.has(extname(file)) && !file.split(sep).some((part) => part.startsWith("."))) pending.add(file);
  };

  const changed = (dir: string, name: string | null) => {
    if (closed) return;
    if (name) note(relative(root, join(dir, name)));
    // Every event re-arms the timer (a new folder is only picked up by the next sync), so one save is one reload.
    clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs);
  };

  /**
   * Watches the folders there are now, and stops watching those that are gone. The files of a folder
   * made since the last sync count as changed: they may have been written before its watch began.
   */
  const sync = (initial = false) => {
    const now = new Set(folders());
    for (const [dir, watcher] of watchers) {
      if (now.has(dir)) continue;
      watcher.close();
      watchers.delete(dir);
    }
    for (const dir of now) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => changed(dir, name === null ? null : basename(name.toString())));
        // A watched folder that is removed may report an error: it is dropped at the next sync.
        watcher.on("error", () => changed(dir, null));
        watchers.set(dir, watcher);
        if (!initial) for (const file of filesIn(dir)) note(relative(root, file));
      } catch (error) {
        if (unwatchable.has(dir)) continue;
        unwatchable.add(dir);
        options.warn(`cannot watch ${relative(root, dir) || "."}: ${(error as Error).message}`);
      }
    }
  };

  sync(true);
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
