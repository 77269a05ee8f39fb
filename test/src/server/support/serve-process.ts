import type { ChildProcess } from "node:child_process";
import { type Exit, sleep, startCli } from "../../support/cli.js";

/** A running `tsc-cog serve` subprocess. */
export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the server printed so far (stdout and stderr, in the order it arrived). */
  stderr(): string;
  /** Resolves with how the process ended. */
  readonly exited: Promise<Exit>;
  /** Sends SIGTERM and waits (at most `ms`, then SIGKILL) for the exit. */
  stop(ms?: number): Promise<Exit>;
}

/** Options of {@link startServe}. */
export interface StartOptions {
  readonly cwd: string;
  readonly args?: readonly string[];
  /** Variables added to the clean test environment (which has no TSC_COG_SECRET_* of its own). */
  readonly env?: Readonly<Record<string, string>>;
  /** Wait for GET /health-check to say this (default READY); `false` to return once listening. */
  readonly until?: string | false;
  readonly timeoutMs?: number;
}

/** Every server started, so that a test file's `after` can kill what is left. */
const started = new Set<ServeProcess>();

/**
 * Starts `tsc-cog serve --port 0` on 127.0.0.1 in `cwd` (through {@link startCli}), reads the address
 * from its output and (unless `until: false`) waits until the health check reports `until`. Bounded by
 * `timeoutMs`; a server that does not get there is stopped.
 */
export async function startServe(options: StartOptions): Promise<ServeProcess> {
  const cli = startCli(["serve", "--host", "127.0.0.1", "--port", "0", ...(options.args ?? [])], {
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    timeoutMs: Number.POSITIVE_INFINITY, // it runs until the test stops it (stopAll in `after`)
  });
  const { child, exited } = cli;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let url: string;
  try {
    url = (await cli.waitFor("all", /http:\/\/127\.0\.0\.1:(\d+)/, deadline - Date.now()))[0];
  } catch {
    child.kill("SIGKILL");
    throw new Error(`tsc-cog serve did not start:\n${cli.output().all}`);
  }
  const server: ServeProcess = {
    url,
    child,
    stderr: () => cli.output().all,
    exited,
    stop: async (ms = 15_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), ms);
      const result = await exited;
      clearTimeout(timer);
      started.delete(server);
      return result;
    },
  };
  started.add(server);
  if (options.until !== false) {
    try {
      await waitForHealth(server.url, options.until ?? "READY", deadline - Date.now());
    } catch (error) {
      // Not left running (a test file would never end): stopped, with what it printed.
      await server.stop(5000);
      throw new Error(`${(error as Error).message}\n${cli.output().all}`);
    }
  }
  return server;
}

/** Kills every server still running (for `after`). */
export async function stopAll(): Promise<void> {
  await Promise.all([...started].map((server) => server.stop(5000)));
}

/** Polls GET /health-check until its status is `status`; throws after `ms`. */
export async function waitForHealth(url: string, status: string, ms = 30_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health-check`, { signal: AbortSignal.timeout(2000) });
      last = await response.json();
      if ((last as { status?: string }).status === status) return last as Record<string, unknown>;
    } catch (error) {
      last = error;
    }
    await sleep(50);
  }
  throw new Error(`health-check never reached ${status} within ${ms} ms; last: ${JSON.stringify(last)}`);
}
