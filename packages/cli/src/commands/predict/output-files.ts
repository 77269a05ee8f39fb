import { randomBytes } from "node:crypto";
import { accessSync, constants, createReadStream, createWriteStream, renameSync, rmSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { UsageError } from "@tsc-cog/runtime";
import type { Redactor } from "@tsc-cog/sdk/engine";
import type { CommandIO } from "../../io.js";

/** Where `-o` asked outputs to go: nowhere given, a file, or a directory. */
export type OutputTarget =
  | { readonly kind: "default"; readonly dir: string }
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "dir"; readonly path: string };

/**
 * Resolves `-o PATH` and checks, before anything runs, that outputs can be written there
 * (Cog #1389): an existing directory must be writable; a file's folder must exist and be writable.
 */
export function outputTarget(option: string | undefined, cwd: string): OutputTarget {
  if (option === undefined || option === "") return { kind: "default", dir: cwd };
  const path = resolve(cwd, option.startsWith("~/") ? join(homedir(), option.slice(2)) : option);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    isDir = option.endsWith("/");
  }
  const folder = isDir ? path : dirname(path);
  try {
    if (!statSync(folder).isDirectory()) throw new Error("not a directory");
  } catch {
    throw new UsageError(`cannot write output to ${option}: the folder ${folder} does not exist (create it first)`);
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new UsageError(`cannot write output to ${option}: the folder ${folder} is not writable`);
  }
  return isDir ? { kind: "dir", path } : { kind: "file", path };
}

/**
 * The file name for an output: `output<ext>` (or `output.<i><ext>` for item `i` of a list) in the
 * target folder, or the `-o` file (`name.<i><ext>` for list items).
 */
export function outputPathFor(target: OutputTarget, ext: string, index?: number | string): string {
  const suffix = index === undefined ? "" : `.${index}`;
  if (target.kind === "file") {
    if (index === undefined) return target.path;
    const own = extname(target.path);
    return join(dirname(target.path), `${basename(target.path, own)}${suffix}${own || ext}`);
  }
  return join(target.kind === "dir" ? target.path : target.dir, `output${suffix}${ext}`);
}

/**
 * Writes files atomically (temp file + rename), every byte through the redactor, and remembers
 * the temp files so that a cancelled run can remove them: nothing is ever left half-written.
 */
export class OutputWriter {
  readonly #redactor: Redactor;
  readonly #pending = new Set<string>();
  /** Aborts every copy in flight (Ctrl-C): a slow source must not keep a cancelled run alive. */
  readonly #cancel = new AbortController();

  constructor(redactor: Redactor) {
    this.#redactor = redactor;
  }

  /** Copies `source` to `dest`, scrubbed. */
  async copyFile(source: string, dest: string): Promise<void> {
    await this.#write(dest, (temp) =>
      pipeline(createReadStream(source), this.#redactor.createStream(), createWriteStream(temp, { flags: "wx", mode: 0o644 }), {
        signal: this.#cancel.signal,
      }),
    );
  }

  /**
   * The `--json` envelope, redacted, where `-o` says: stdout by default, `-o FILE` itself, or
   * `-o DIR`'s `output.json` (Cog's default name). One place for local and `--url` runs.
   */
  async writeEnvelope(envelope: Readonly<Record<string, unknown>>, target: OutputTarget, io: CommandIO): Promise<void> {
    const text = `${JSON.stringify(this.#redactor.redactValue(envelope), null, 2)}\n`;
    if (target.kind === "default") return void io.stdout.write(text);
    const file = target.kind === "file" ? target.path : outputPathFor(target, ".json");
    await this.writeText(file, text);
    io.info(`Written output to: ${file}`);
  }

  /** Writes `text` to `dest`, scrubbed. */
  async writeText(dest: string, text: string): Promise<void> {
    await this.#write(dest, async (temp) => {
      const stream = this.#redactor.createStream();
      const done = pipeline(stream, createWriteStream(temp, { flags: "wx", mode: 0o644 }), { signal: this.#cancel.signal });
      stream.end(text);
      await done;
    });
  }

  /** Stops every copy in flight and removes every temp file still being written (on Ctrl-C). */
  abort(): void {
    this.#cancel.abort();
    for (const temp of this.#pending) rmSync(temp, { force: true });
    this.#pending.clear();
  }

  async #write(dest: string, produce: (temp: string) => Promise<void>): Promise<void> {
    const temp = join(dirname(dest), `.${basename(dest)}.${randomBytes(6).toString("hex")}.tmp`);
    this.#pending.add(temp);
    try {
      await produce(temp);
      renameSync(temp, dest);
    } finally {
      rmSync(temp, { force: true });
      this.#pending.delete(temp);
    }
  }
}
