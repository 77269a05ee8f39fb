import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER_MAIN = fileURLToPath(new URL("./worker-main.js", import.meta.url));

/**
 * Forks a worker process: stdout/stderr as pipes for the parent to scrub, an IPC channel for the
 * protocol. With `ref` the worker loads that predictor at once; without, it boots (Node, the SDK, the
 * loader hooks) and waits for a `load` message — so a CLI can fork it first, before its own imports.
 * This module imports nothing else of tsc-cog: the CLI's bin shim loads it on its fast path.
 */
export function forkWorker(ref: string | undefined, options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv }): ChildProcess {
  return fork(WORKER_MAIN, ref === undefined ? [] : [ref], {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    serialization: "advanced",
    execArgv: ["--enable-source-maps"],
  });
}
