import { containsPath, outputExtension, replacePaths } from "@tsc-cog/runtime";
import { isPath, type Path } from "@tsc-cog/sdk";
import type { OutputSpec, Redactor } from "@tsc-cog/sdk/engine";
import { type OutputTarget, type OutputWriter, outputPathFor } from "./output-files.js";

/** Where presented output goes: stdout for the output itself, stderr for messages about it. */
export interface OutputSinks {
  readonly stdout: NodeJS.WritableStream;
  readonly info: (message: string) => void;
}

/**
 * Presents a prediction's output on the terminal as Cog's CLI does (DESIGN §7, §7b): strings raw,
 * other values as 2-space JSON, returned files (at any depth) written as files, streamed items as they
 * arrive. Values come from the prediction core already redacted; files are copied scrubbed and named
 * by tsc-cog (`output.<ext>`), never by the predictor, so a file name cannot carry a secret out.
 */
export class OutputPresenter {
  readonly #spec: OutputSpec;
  readonly #redactor: Redactor;
  readonly #writer: OutputWriter;
  readonly #target: OutputTarget;
  readonly #sinks: OutputSinks;
  readonly #print: boolean;
  #items = 0;
  /** Everything collected, with returned files replaced by the files written (for --json and -o). */
  readonly collected: unknown[] = [];

  /** @param print false for --json: nothing is printed, files are still written */
  constructor(spec: OutputSpec, redactor: Redactor, writer: OutputWriter, target: OutputTarget, sinks: OutputSinks, print: boolean) {
    this.#spec = spec;
    this.#redactor = redactor;
    this.#writer = writer;
    this.#target = target;
    this.#sinks = sinks;
    this.#print = print;
  }

  /** True when streamed items are printed as they come (not collected for -o). */
  get #live(): boolean {
    return this.#print && this.#target.kind === "default";
  }

  /** One streamed item; `continues` appends text held back from the previous string item. */
  async item(value: unknown, continues = false): Promise<void> {
    if (typeof value === "string") {
      if (continues && typeof this.collected.at(-1) === "string") this.collected[this.collected.length - 1] += value;
      else {
        this.collected.push(value);
        this.#items++;
      }
      if (this.#live) this.#sinks.stdout.write(this.#spec.concatenate || continues ? value : `${value}\n`);
      return;
    }
    const index = this.#items++;
    const shown = await this.#materialise(value, `${index}`);
    this.collected.push(shown);
    if (this.#live && !containsPath(value)) this.#sinks.stdout.write(`${JSON.stringify(shown)}\n`);
  }

  /** The end of a stream: with -o, writes the collected items. */
  async endStream(): Promise<void> {
    if (this.#live && this.#spec.concatenate) this.#sinks.stdout.write("\n");
    if (this.#print && !this.#live) {
      // A concatenate iterator is one text, as on the terminal; other streams are written as a JSON list.
      const text = this.#spec.concatenate && this.collected.every((item) => typeof item === "string");
      await this.#writeCollected(text ? this.collected.join("") : this.collected);
    }
    if (this.#items === 0 && this.#print) this.#sinks.info("No output generated");
  }

  /** A single (not streamed) output; returns it with returned files replaced by the files written. */
  async single(value: unknown): Promise<unknown> {
    if (value === null || value === undefined) {
      this.#sinks.info("No output generated");
      return null;
    }
    const shown = await this.#materialise(value, undefined);
    // A file, or a list of files, is shown as "Written output to:" lines; anything else is printed too.
    const onlyFiles = isPath(value) || (Array.isArray(value) && value.length > 0 && value.every(isPath));
    if (this.#print && !onlyFiles) await this.#writeCollected(shown);
    return shown;
  }

  async #writeCollected(shown: unknown): Promise<void> {
    const text = typeof shown === "string" ? shown : JSON.stringify(shown, null, 2);
    if (this.#target.kind === "file") {
      await this.#writer.writeText(this.#target.path, `${text}\n`);
      this.#sinks.info(`Written output to: ${this.#target.path}`);
    } else if (this.#target.kind === "dir") {
      const file = outputPathFor(this.#target, typeof shown === "string" ? ".txt" : ".json");
      await this.#writer.writeText(file, `${text}\n`);
      this.#sinks.info(`Written output to: ${file}`);
    } else {
      this.#sinks.stdout.write(`${text}\n`);
    }
  }

  /**
   * Writes every returned file in `value` and puts the written file's name in its place. A lone file
   * is `output.<ext>`; files in a list or object `output.<i>.<ext>`; in streamed item `n`, `output.<n>.<ext>`
   * (or `output.<n>.<i>.<ext>` when the item holds several).
   */
  async #materialise(value: unknown, item: string | undefined): Promise<unknown> {
    const lone = isPath(value);
    return replacePaths(value, async (path, index) => {
      const name = lone ? item : item === undefined ? `${index}` : `${item}.${index}`;
      return this.#writePath(path, name);
    });
  }

  async #writePath(path: Path, index: string | undefined): Promise<string> {
    const dest = outputPathFor(this.#target, outputExtension(path, this.#redactor), index);
    await this.#writer.copyFile(path.path, dest);
    this.#sinks.info(`Written output to: ${dest}`);
    return dest;
  }
}
