import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sandboxDir } from "./temp.js";

/** The repository's root folder (this file is test/dist/support/cli.js once built). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The built CLI's entry point; run it with `node`, as the `tsc-cog` bin shim does. */
export const CLI_BIN = join(REPO_ROOT, "packages", "cli", "bin", "tsc-cog.js");

/** Every wait on a CLI run is bounded; a run that takes longer is killed and reported as timed out. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** How to run the CLI. */
export interface CliOptions {
  /** The working directory (default: a fresh-per-process sandbox folder). */
  readonly cwd?: string;
  /** Variables added to the clean test environment; `undefined` removes one. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Written to the CLI's stdin, which is then closed (default: stdin closed at once). */
  readonly stdin?: string | Buffer;
  /** Kill the run (SIGKILL) after this long; the result then has `timedOut: true`. */
  readonly timeoutMs?: number;
  /** Run as this user and group (root only), e.g. to test permission errors. */
  readonly uid?: number;
  readonly gid?: number;
  /**
   * Start the CLI as the leader of a new process group, so that `process.kill(-pid, "SIGINT")` reaches
   * it and its worker together, as Ctrl-C in a terminal does.
   */
  readonly processGroup?: boolean;
}

/** What a finished CLI run left behind. */
export interface CliResult {
  /** The exit code, or `null` when the process was killed by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** A running CLI process, for tests that interact with it (signals, waiting for a line of output). */
export interface RunningCli {
  readonly child: ChildProcess;
  /** Everything printed so far. */
  readonly output: () => { readonly stdout: string; readonly stderr: string };
  /** Resolves once `pattern` matches the stream's text so far; rejects after `timeoutMs` or if the process ends first. */
  readonly waitFor: (stream: "stdout" | "stderr", pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  /** Resolves when the process has exited (or was killed at its time limit). */
  readonly result: Promise<CliResult>;
}

/**
 * The environment every test run starts from: this process's, without variables that would change
 * what the CLI does behind a test's back (deployment secrets, colour forcing), with the compile cache
 * and the secret store inside this process's sandbox folder.
 */
export function cleanEnv(overrides: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith("TSC_COG_") || name === "NO_COLOR" || name === "FORCE_COLOR" || name.startsWith("NODE_TEST")) continue;
    env[name] = value;
  }
  env.TSC_COG_CACHE_DIR = join(sandboxDir(), "compile-cache");
  env.XDG_CONFIG_HOME = join(sandboxDir(), "config");
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Starts `tsc-cog <args>` as a subprocess; see {@link runCli} for the finished-run form. */
export function startCli(args: readonly string[], options: CliOptions = {}): RunningCli {
  return startProcess(process.execPath, [CLI_BIN, ...args], options);
}

/** Runs `tsc-cog <args>` to the end (bounded by `timeoutMs`) and returns its exit code and output. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).result;
}

/**
 * Runs `tsc-cog <args>` with a pseudo-terminal as stdin, stdout and stderr (through util-linux
 * `script`), for behaviour that only happens on a TTY, such as colour. Returns `undefined` where
 * `script` is not installed. The terminal merges both streams into `stdout`, with `\r\n` line ends.
 */
export function runCliInTerminal(args: readonly string[], options: CliOptions = {}): Promise<CliResult> | undefined {
  const script = ["/usr/bin/script", "/bin/script"].find((path) => existsSync(path));
  if (script === undefined) return undefined;
  const command = [process.execPath, CLI_BIN, ...args].map(shellQuote).join(" ");
  return startProcess(script, ["-q", "-e", "-c", command, "/dev/null"], options).result;
}

/** `true` while a process with this id exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Polls `condition` every 25 ms until it is true; rejects with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function startProcess(command: string, args: readonly string[], options: CliOptions): RunningCli {
  const child = spawn(command, args, {
    cwd: options.cwd ?? sandboxDir(),
    env: cleanEnv(options.env),
    stdio: ["pipe", "pipe", "pipe"],
    detached: options.processGroup === true,
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
  const text = { stdout: "", stderr: "" };
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    text.stdout += chunk;
    notify();
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    text.stderr += chunk;
    notify();
  });
  child.stdin?.on("error", () => {}); // the CLI may exit before reading its stdin
  child.stdin?.end(options.stdin);

  let timedOut = false;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, timeoutMs);
  let exited = false;
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      exited = true;
      notify();
      resolve({ code, signal, stdout: text.stdout, stderr: text.stderr, timedOut });
    });
  });

  const waitFor = (stream: "stdout" | "stderr", pattern: RegExp, waitMs = 10_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = text[stream].match(pattern);
        if (match) done(() => resolve(match));
        else if (exited) done(() => reject(new Error(`the CLI exited before its ${stream} matched ${pattern}:\n${text[stream]}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`timed out after ${waitMs} ms waiting for ${stream} to match ${pattern}:\n${text[stream]}`))),
        waitMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });

  return { child, output: () => ({ ...text }), waitFor, result };
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}
