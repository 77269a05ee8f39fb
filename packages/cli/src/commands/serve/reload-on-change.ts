import { basename, resolve } from "node:path";
import type { RunningServer } from "@tsc-cog/server";
import type { CommandIO } from "../../io.js";
import { type ProjectWatcher, watchProject } from "./watch-project.js";

/** Quiet time after the last change before the workers restart: an editor's save is often several writes. */
const DEBOUNCE_MS = 200;

/** `predict.ts`, `a.ts and b.ts`, `a.ts, b.ts, c.ts and 2 more`. */
export function describeChanges(files: readonly string[]): string {
  const shown = files.slice(0, 3);
  const more = files.length - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${more} more`;
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}

/**
 * `tsc-cog serve --watch`: restarts the server's workers when a source file of the project changes
 * (the server, its port and its predictions store stay), and says on stderr what changed and how the
 * reload went. Changes made during a reload lead to one more reload after it. Returns the watch, to
 * close when the server stops.
 */
export function reloadOnChange(server: RunningServer, projectDir: string, io: CommandIO): ProjectWatcher {
  // Through the server's log, scrubbed: a changed file's name is the predictor's to choose (it may write
  // a file named after a secret into the project), so it is an egress like any other.
  const say = (line: string) => server.log(`tsc-cog serve: ${line}`);
  let reloading = false;
  let queued: Set<string> | undefined;

  const reload = async (files: readonly string[]): Promise<void> => {
    reloading = true;
    say(`${describeChanges(files)} changed; reloading…`);
    if (files.some((file) => basename(file) === "cog.yaml"))
      say("cog.yaml is read once, at start: its predict:, secrets: and concurrency: apply after restarting tsc-cog serve");
    const started = performance.now();
    const result = await server.reload().catch((error: Error) => ({ status: "failed" as const, error: error.message }));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result?.status === "succeeded") say(`ready again in ${seconds} s`);
    else if (result) say(`the reload failed after ${seconds} s (the error is above): SETUP_FAILED until the next change`);
    reloading = false;
    if (queued) {
      const next = [...queued].sort();
      queued = undefined;
      void reload(next);
    }
  };

  // The compile cache may live in the project ($TSC_COG_CACHE_DIR, $XDG_CACHE_HOME): its writes are not changes.
  const caches = [io.env.TSC_COG_CACHE_DIR, io.env.XDG_CACHE_HOME].filter((dir): dir is string => !!dir).map((dir) => resolve(io.cwd, dir));
  return watchProject(projectDir, {
    debounceMs: DEBOUNCE_MS,
    ignore: caches,
    onChange: (files) => {
      if (!reloading) return void reload(files);
      queued ??= new Set();
      for (const file of files) queued.add(file);
    },
    warn: (message) => say(`warning: ${message}`),
  });
}
