// The one way the end-to-end tests run the built CLI: as a subprocess (pipes or a pseudo-terminal),
// in a clean environment, every wait bounded; plus the assertions on what it printed.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { fileURLToPath } from "node:url";
import { sandboxDir } from "./temp.js";

/** The repository's root folder (this file is test/dist/support/cli.js once built). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The built CLI's entry point; run it with `node`, as the `tsc-cog` bin shim does. */
export const CLI_BIN = join(REPO_ROOT, "packages", "cli", "bin", "tsc-cog.js");

/** Every wait on a CLI run is bounded; a run that takes longer is killed and reported as timed out. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** How to run the CLI. */
export interface CliOptions {
  /** The working directory (default: a fresh-per-process sandbox folder). */
  readonly cwd?: string;
  /** Variables added to the clean test environment ({@link cleanEnv}); `undefined` removes one. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Written to the CLI's stdin, which is then closed (default: stdin closed at once). */
  readonly stdin?: string | Buffer;
  /**
   * Leave stdin open after `stdin` is written, as a terminal's is, for the test to write to
   * ({@link RunningCli.write}); it is closed when the process ends.
   */
  readonly keepStdinOpen?: boolean;
  /**
   * Kill the run (SIGKILL) after this long; the result then has `timedOut: true`. Default
   * {@link DEFAULT_TIMEOUT_MS}; `Infinity` for a server the test stops itself.
   */
  readonly timeoutMs?: number;
  /**
   * Start the CLI as the leader of a new process group, so that `process.kill(-pid, "SIGINT")` reaches
   * it and its worker together, as Ctrl-C in a terminal does.
   */
  readonly processGroup?: boolean;
}

/** How a process ended: its exit code, or `null` and the signal that killed it. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** What a finished CLI run left behind. */
export interface CliResult extends Exit {
  /** stdout and stderr decoded as UTF-8 (invalid bytes as U+FFFD). */
  readonly stdout: string;
  readonly stderr: string;
  /** The same, byte for byte (for invalid UTF-8 and hashes of large outputs). */
  readonly stdoutBytes: Buffer;
  readonly stderrBytes: Buffer;
  readonly timedOut: boolean;
}

/** What a running CLI printed so far; `all` is both streams in the order they arrived. */
export interface CliOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly all: string;
}

/** A running CLI process, for tests that interact with it (signals, input, waiting for a line of output). */
export interface RunningCli {
  readonly child: ChildProcess;
  /** Everything printed so far. */
  readonly output: () => CliOutput;
  /**
   * Resolves once `pattern` (a RegExp, or text to find) matches the stream's text so far; rejects after
   * `timeoutMs` (default 30 s) or if the process ends first.
   */
  readonly waitFor: (stream: keyof CliOutput, pattern: RegExp | string, timeoutMs?: number) => Promise<RegExpMatchArray>;
  /** Writes to stdin (see {@link CliOptions.keepStdinOpen}), as one chunk, as a paste arrives. */
  readonly write: (input: string | Buffer) => void;
  /** Writes `input` one character at a time, `delayMs` apart, as a person types. */
  readonly writeSlowly: (input: string, delayMs?: number) => Promise<void>;
  /** Resolves when the process has exited; its output may still be arriving (see `result`). */
  readonly exited: Promise<Exit>;
  /** Resolves when the process has exited and its output ended (or it was killed at its time limit). */
  readonly result: Promise<CliResult>;
}

/**
 * The environment every test run starts from: this process's, without variables that would change
 * what the CLI does behind a test's back (TSC_COG_*, deployment secrets included; colour forcing), with
 * the compile cache and the config home (so the secret store) inside this process's sandbox folder.
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

/**
 * Variables (for {@link CliOptions.env}) that give a run its own user: HOME is `home` (created),
 * XDG_CONFIG_HOME its `.config` (so the secret store is `home/.config/tsc-cog/secrets`), no colour,
 * and `extra`.
 */
export function homeEnv(
  home: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> & { readonly HOME: string; readonly XDG_CONFIG_HOME: string } {
  mkdirSync(home, { recursive: true });
  return { HOME: home, XDG_CONFIG_HOME: join(home, ".config"), NO_COLOR: "1", ...extra };
}

/** Starts `tsc-cog <args>` as a subprocess; see {@link runCli} for the finished-run form. */
export function startCli(args: readonly string[], options: CliOptions = {}): RunningCli {
  return startProgram(process.execPath, [CLI_BIN, ...args], options);
}

/** Runs `tsc-cog <args>` to the end (bounded by `timeoutMs`) and returns its exit code and output. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).result;
}

/**
 * Starts `tsc-cog <args>` with a pseudo-terminal as stdin, stdout and stderr (through util-linux
 * `script`), for behaviour that only happens on a TTY: colour, the status line, the hidden prompt.
 * Returns `undefined` where `script` is not installed. The terminal merges both streams into
 * `stdout`, with `\r\n` line ends; with `keepStdinOpen`, what the test writes is typed at it.
 */
export function startCliInTerminal(args: readonly string[], options: CliOptions = {}): RunningCli | undefined {
  const script = ["/usr/bin/script", "/bin/script"].find((path) => existsSync(path));
  if (script === undefined) return undefined;
  const command = [process.execPath, CLI_BIN, ...args].map(shellQuote).join(" ");
  return startProgram(script, ["-q", "-f", "-e", "-c", command, "/dev/null"], options);
}

/** {@link startCliInTerminal} run to the end; `undefined` where `script` is not installed. */
export function runCliInTerminal(args: readonly string[], options: CliOptions = {}): Promise<CliResult> | undefined {
  return startCliInTerminal(args, options)?.result;
}

/** Runs another program (a shell running a README's commands) to the end, as {@link runCli} runs the CLI. */
export function runProgram(command: string, args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startProgram(command, args, options).result;
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
    await sleep(25);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Stack frames as Node prints them. */
const STACK_FRAME = /^\s+at .+/m;

/** Asserts that `stderr` carries no stack frame (stack traces are for --debug only). */
export function assertNoStack(stderr: string): void {
  assert.doesNotMatch(stderr, STACK_FRAME, `a stack trace was printed without --debug:\n${stderr}`);
}

/** Asserts that `stderr` carries a stack frame (the --debug counterpart, proving the check can see one). */
export function assertStack(stderr: string): void {
  assert.match(stderr, STACK_FRAME, `no stack trace with --debug:\n${stderr}`);
}

function startProgram(command: string, args: readonly string[], options: CliOptions): RunningCli {
  const child = spawn(command, args, {
    cwd: options.cwd ?? sandboxDir(),
    env: cleanEnv(options.env),
    stdio: ["pipe", "pipe", "pipe"],
    detached: options.processGroup === true,
  });
  const text = { stdout: "", stderr: "", all: "" };
  const bytes = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  const decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const collect = (stream: "stdout" | "stderr", chunk: string) => {
    text[stream] += chunk;
    text.all += chunk;
    notify();
  };
  for (const stream of ["stdout", "stderr"] as const) {
    child[stream]?.on("data", (chunk: Buffer) => {
      bytes[stream].push(chunk);
      collect(stream, decoders[stream].write(chunk));
    });
    child[stream]?.on("end", () => collect(stream, decoders[stream].end()));
  }
  child.stdin?.on("error", () => {}); // the CLI may exit before reading its stdin
  if (options.keepStdinOpen) {
    if (options.stdin !== undefined) child.stdin?.write(options.stdin);
  } else {
    child.stdin?.end(options.stdin);
  }

  let timedOut = false;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
      }, timeoutMs)
    : undefined;
  let ended = false;
  const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      child.stdin?.destroy();
      ended = true;
      notify();
      resolve({
        code,
        signal,
        stdout: text.stdout,
        stderr: text.stderr,
        stdoutBytes: Buffer.concat(bytes.stdout),
        stderrBytes: Buffer.concat(bytes.stderr),
        timedOut,
      });
    });
  });

  const waitFor = (stream: keyof CliOutput, pattern: RegExp | string, waitMs = 30_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const regExp = typeof pattern === "string" ? new RegExp(pattern.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&")) : pattern;
      const check = () => {
        const match = text[stream].match(regExp);
        if (match) done(() => resolve(match));
        else if (ended) done(() => reject(new Error(`the process ended before its ${stream} matched ${regExp}:\n${text[stream]}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`timed out after ${waitMs} ms waiting for ${stream} to match ${regExp}:\n${text[stream]}`))),
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

  const write = (input: string | Buffer) => void child.stdin?.write(input);
  const writeSlowly = async (input: string, delayMs = 15) => {
    for (const character of input) {
      write(character);
      await sleep(delayMs);
    }
  };

  return { child, output: () => ({ ...text }), waitFor, write, writeSlowly, exited, result };
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}
