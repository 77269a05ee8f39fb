// Shared by the secrets tests: the built CLI as a subprocess, temporary homes and projects, a real
// pseudo-terminal, and a search for a secret's encoded forms in everything the CLI left behind.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after } from "node:test";
import { fileURLToPath } from "node:url";

/** The repository root (this file is compiled to test/dist/secrets/). */
export const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
/** The built CLI, as a user's shell finds it after `pnpm install`. */
export const CLI = join(ROOT, "node_modules", ".bin", "tsc-cog");
/** Fixtures of this suite. */
export const FIXTURES = join(ROOT, "test", "fixtures", "secrets");

/** Every bounded wait of a CLI run; a run still going after this is killed and the test fails. */
export const RUN_TIMEOUT_MS = 60_000;

const scratch = mkdtempSync(join(tmpdir(), "tsc-cog-secrets-test-"));
// One compile cache for the whole file: tests stay fast, and it lives outside every scanned folder.
const compileCache = join(scratch, "compile-cache");
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A new empty folder under this test file's scratch folder. */
export function tempDir(name: string): string {
  return mkdtempSync(join(scratch, `${name}-`));
}

/** A copy of `test/fixtures/secrets/<name>` in a fresh temporary folder. */
export function copyFixture(name: string): string {
  const dir = tempDir(name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/**
 * A clean environment for the CLI: a temporary HOME and XDG_CONFIG_HOME (so the real user's store is
 * never touched), no colour, and nothing of the outer environment but PATH — in particular no
 * TSC_COG_SECRET_* variable a developer may have set.
 */
export function cleanEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  mkdirSync(home, { recursive: true });
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    TSC_COG_CACHE_DIR: compileCache,
    NO_COLOR: "1",
    ...extra,
  };
}

/** What a finished CLI run left: exit code (or signal), stdout and stderr. */
export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI with `args` in `cwd`. `input` is written to its stdin and closed; without it,
 * stdin is /dev/null. Rejects if the run takes longer than {@link RUN_TIMEOUT_MS}.
 */
export function runCli(args: readonly string[], options: { cwd: string; env: Record<string, string>; input?: string }): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(CLI, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`tsc-cog ${args.join(" ")} did not finish within ${RUN_TIMEOUT_MS} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, RUN_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** A program running in a real pseudo-terminal (util-linux `script`), driven like a person at a keyboard. */
export class PtySession {
  readonly #child: ReturnType<typeof spawn>;
  #output = "";
  readonly #waiters = new Set<() => void>();
  readonly exited: Promise<number | null>;

  /** Starts `command` (a shell command line) in a new pseudo-terminal. */
  constructor(command: string, options: { cwd: string; env: Record<string, string> }) {
    this.#child = spawn("script", ["-qfec", command, "/dev/null"], { cwd: options.cwd, env: { ...options.env, TERM: "dumb" } });
    const collect = (chunk: Buffer) => {
      this.#output += chunk.toString("utf8");
      for (const wake of this.#waiters) wake();
    };
    this.#child.stdout?.on("data", collect);
    this.#child.stderr?.on("data", collect);
    this.exited = new Promise((resolvePromise) => this.#child.on("close", (code) => resolvePromise(code)));
  }

  /** Everything the terminal showed so far (what a person would see). */
  get screen(): string {
    return this.#output;
  }

  /** Waits until the terminal shows `text`; rejects after `ms`. */
  waitFor(text: string, ms = 30_000): Promise<void> {
    if (this.#output.includes(text)) return Promise.resolve();
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`the terminal did not show ${JSON.stringify(text)} within ${ms} ms; it showed:\n${this.#output}`));
      }, ms);
      const check = () => {
        if (!this.#output.includes(text)) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolvePromise();
      };
      this.#waiters.add(check);
    });
  }

  /** Types `keys` (written to the terminal as one chunk, as a paste arrives). */
  type(keys: string): void {
    this.#child.stdin?.write(keys);
  }

  /** Types `keys` one character at a time, `delayMs` apart, as a person does. */
  async typeSlowly(keys: string, delayMs = 15): Promise<void> {
    for (const key of keys) {
      this.type(key);
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }

  /** Waits for the program to end (rejects after `ms`, killing it) and returns its exit code. */
  async end(ms = 30_000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.#child.kill("SIGKILL");
        reject(new Error(`the program did not end within ${ms} ms; the terminal showed:\n${this.#output}`));
      }, ms);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
      this.#child.stdin?.end();
    }
  }
}

/** The files under `dir`, recursively, with their text. */
export function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, text: readFileSync(path, "latin1") }];
  });
}

/**
 * The forms (from `forms`) found in `text`. Files are read as latin1 and compared with each form's
 * UTF-8 bytes, so a form is found whatever the encoding of the text around it.
 */
export function leaksIn(text: string, forms: readonly string[]): string[] {
  return forms.filter((form) => text.includes(form) || text.includes(Buffer.from(form, "utf8").toString("latin1")));
}

/** How the fixtures report a secret without printing it: its length in characters and a SHA-256 prefix. */
export function fingerprint(value: string): string {
  return `${[...value].length}:${createHash("sha256").update(value).digest("hex").slice(0, 16)}`;
}
