import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputProblem, UsageError } from "@tsc-cog/runtime";
import { CancelledError } from "../../errors.js";

/** What input resolution may touch: the current directory, the environment, stdin (once), a temp folder. */
export class ResolveContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly warnings: string[] = [];
  readonly #stdin: NodeJS.ReadableStream;
  #stdinUser: string | undefined;
  #temp: string | undefined;
  readonly #abort = new AbortController();

  constructor(cwd: string, env: NodeJS.ProcessEnv, stdin: NodeJS.ReadableStream) {
    this.cwd = cwd;
    this.env = env;
    this.#stdin = stdin;
  }

  /**
   * Reads all of stdin for `user` (an input's name, or `--json`). A second reader is refused: an
   * {@link InputProblem} for an input (reported with the other input problems), a usage error for `--json`.
   */
  async readStdin(user: string): Promise<string> {
    if (this.#stdinUser !== undefined) {
      const detail = `only one input can come from stdin (use @file or env:NAME for the other)`;
      const message = `${describe(user)} and ${describe(this.#stdinUser)} both read standard input; ${detail}`;
      if (user === "--json") throw new UsageError(message);
      throw new InputProblem({
        code: "unresolvable",
        input: user,
        detail: `${describe(this.#stdinUser)} reads standard input too; ${detail}`,
        message,
      });
    }
    this.#stdinUser = user;
    // Ctrl-C while stdin is read (a terminal, or a pipe that never ends) must not wait for end of input.
    const stop = () => (this.#stdin as Partial<NodeJS.ReadStream>).destroy?.();
    this.signal.addEventListener("abort", stop, { once: true });
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of this.#stdin) chunks.push(Buffer.from(chunk as Buffer));
    } catch (error) {
      this.throwIfCancelled();
      throw error;
    } finally {
      this.signal.removeEventListener("abort", stop);
    }
    this.throwIfCancelled();
    return Buffer.concat(chunks).toString("utf8");
  }

  /** Aborted by {@link dispose} (Ctrl-C, or the end of the run): pending reads and downloads stop. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Throws a {@link CancelledError} once the run was cancelled, so that a stopped read is not an input error. */
  throwIfCancelled(): void {
    if (this.signal.aborted) throw new CancelledError();
  }

  /** A private temporary folder for downloaded and decoded input files, removed by {@link dispose}. */
  tempDir(): string {
    this.#temp ??= mkdtempSync(join(tmpdir(), "tsc-cog-inputs-"));
    return this.#temp;
  }

  /** Stops pending reads and downloads and removes the temporary folder. */
  dispose(): void {
    this.#abort.abort();
    if (this.#temp) rmSync(this.#temp, { recursive: true, force: true });
  }
}

function describe(user: string): string {
  return user === "--json" ? "--json" : `input "${user}"`;
}
