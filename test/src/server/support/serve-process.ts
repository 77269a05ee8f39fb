import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (test/dist/server/support → ../../../..). */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
/** The built CLI, as a user runs it. */
export const TSC_COG = join(REPO, "node_modules", ".bin", "tsc-cog");
/** test/fixtures/server/<name>. */
export const serverFixture = (name: string) => join(REPO, "test", "fixtures", "server", name);
export const LEAKY_FIXTURE = join(REPO, "test", "fixtures", "leaky");

/** A running `tsc-cog serve` subprocess. */
export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the server printed on stderr so far. */
  stderr(): string;
  /** Resolves with how the process ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGTERM and waits (at most `ms`, then SIGKILL) for the exit. */
  stop(ms?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Options of {@link startServe}. */
export interface StartOptions {
  readonly cwd: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Wait for GET /health-check to say this (default READY); `false` to return once listening. */
  readonly until?: string | false;
  readonly timeoutMs?: number;
}

/** Every server started, so that a test file's `after` can kill what is left. */
const started = new Set<ServeProcess>();

/**
 * Starts `tsc-cog serve --port 0` on 127.0.0.1 in `cwd`, reads the address from its stderr and
 * (unless `until: false`) waits until the health check reports `until`. Bounded by `timeoutMs`.
 */
export async function startServe(options: StartOptions): Promise<ServeProcess> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", ...options.env };
  for (const name of Object.keys(env)) if (name.startsWith("TSC_COG_SECRET_") && !options.env?.[name]) delete env[name];
  const child = spawn(TSC_COG, ["serve", "--host", "127.0.0.1", "--port", "0", ...(options.args ?? [])], {
    cwd: options.cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk) => (text += chunk));
  child.stderr?.on("data", (chunk) => (text += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let url: string | undefined;
  while (!url) {
    const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(text);
    if (match) url = match[0];
    else if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`tsc-cog serve did not start:\n${text}`);
    } else await sleep(25);
  }
  const server: ServeProcess = {
    url,
    child,
    stderr: () => text,
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
  if (options.until !== false) await waitForHealth(server.url, options.until ?? "READY", deadline - Date.now());
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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
