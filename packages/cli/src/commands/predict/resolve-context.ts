import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "@tsc-cog/runtime";

/** What input resolution may touch: the current directory, the environment, stdin (once), a temp folder. */
export class ResolveContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly warnings: string[] = [];
  readonly #stdin: NodeJS.ReadableStream;
  #stdinUser: string | undefined;
  #temp: string | undefined;

  constructor(cwd: string, env: NodeJS.ProcessEnv, stdin: NodeJS.ReadableStream) {
    this.cwd = cwd;
    this.env = env;
    this.#stdin = stdin;
  }

  /** Reads all of stdin for `user` (an input name or `--json`); a second reader is a usage error. */
  async readStdin(user: string): Promise<string> {
    if (this.#stdinUser !== undefined) {
      throw new UsageError(
        `${user} and ${this.#stdinUser} both read standard input; only one input can come from stdin (use @file or env:NAME for the other)`,
      );
    }
    this.#stdinUser = user;
    const chunks: Buffer[] = [];
    for await (const chunk of this.#stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString("utf8");
  }

  /** A private temporary folder for downloaded and decoded input files, removed by {@link dispose}. */
  tempDir(): string {
    this.#temp ??= mkdtempSync(join(tmpdir(), "tsc-cog-inputs-"));
    return this.#temp;
  }

  /** Removes the temporary folder. */
  dispose(): void {
    if (this.#temp) rmSync(this.#temp, { recursive: true, force: true });
  }
}
