// What the reliability tests share: the fault fixture, a byte-exact CLI runner, markers that prove
// what ran, and the assertion that an error was reported without a stack trace.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CLI_BIN, type CliOptions, cleanEnv, DEFAULT_TIMEOUT_MS, REPO_ROOT } from "../support/cli.js";
import { sandboxDir, tempDir } from "../support/temp.js";

/** `test/fixtures/reliability/faults/predict.ts:<Export>`, absolute. */
export const fault = (exportName: string) => `${join(REPO_ROOT, "test", "fixtures", "reliability", "faults", "predict.ts")}:${exportName}`;

/** A CLI run with its output kept as bytes (for invalid UTF-8 and hashes of large outputs). */
export interface ByteResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly timedOut: boolean;
}

/** Runs `tsc-cog <args>` to the end, bounded by `timeoutMs`, keeping stdout and stderr as bytes. */
export function runCliBytes(args: readonly string[], options: CliOptions = {}): Promise<ByteResult> {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    cwd: options.cwd ?? sandboxDir(),
    env: cleanEnv(options.env),
    stdio: ["pipe", "pipe", "pipe"],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on("error", () => {});
  child.stdin.end(options.stdin);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return new Promise((resolve, reject) => {
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), timedOut });
    });
  });
}

/** A fresh marker file path for `TSC_COG_TEST_MARKER`; the fixture appends `loaded`, `setup`, `predict`. */
export function newMarker(): string {
  return join(tempDir("tsc-cog-marker-"), "marker");
}

/** The steps the predictor recorded in `marker` (empty when it never loaded). */
export function markedSteps(marker: string): string[] {
  return existsSync(marker) ? readFileSync(marker, "utf8").split("\n").filter(Boolean) : [];
}

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

/** A CLI process whose stdin stays open (as a terminal's does) until the test ends it. */
export interface OpenStdinCli {
  readonly child: ChildProcess;
  readonly stderr: () => string;
  readonly result: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly stderr: string }>;
}

/** Starts `tsc-cog <args>` with stdin left open; killed with SIGKILL after `timeoutMs`. */
export function startCliOpenStdin(args: readonly string[], options: CliOptions = {}): OpenStdinCli {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    cwd: options.cwd ?? sandboxDir(),
    env: cleanEnv(options.env),
    stdio: ["pipe", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  child.stdin?.on("error", () => {});
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const result = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      child.stdin?.destroy();
      resolve({ code, signal, stderr });
    });
  });
  return { child, stderr: () => stderr, result };
}
