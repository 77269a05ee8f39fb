import { extname } from "node:path";
import { fromWire } from "@tsc-cog/runtime";
import { isPath, isSecret, type OutputSpec, type Path, type Redactor, SECRET_MASK, type TextRedactor } from "@tsc-cog/sdk";
import { type OutputTarget, type OutputWriter, outputPathFor } from "./output-files.js";

/** Where presented output goes: stdout for the output itself, stderr for messages about it. */
export interface OutputSinks {
  readonly stdout: NodeJS.WritableStream;
  readonly info: (message: string) => void;
}

/**
 * Presents a prediction's output on the terminal as Cog's CLI does (DESIGN §7, §7b): strings raw,
 * other values as 2-space JSON, Paths written as files, streamed items as they arrive. Every value
 * is redacted before it is shown or written; streamed string chunks are scrubbed as one stream.
 */
export class OutputPresenter {
  readonly #spec: OutputSpec;
  readonly #redactor: Redactor;
  readonly #writer: OutputWriter;
  readonly #target: OutputTarget;
  readonly #sinks: OutputSinks;
  readonly #chunks: TextRedactor;
  #items = 0;
  /** Everything collected, redacted, with Paths replaced by the files written (for --json and -o). */
  readonly collected: unknown[] = [];

  constructor(spec: OutputSpec, redactor: Redactor, writer: OutputWriter, target: OutputTarget, sinks: OutputSinks) {
    this.#spec = spec;
    this.#redactor = redactor;
    this.#writer = writer;
    this.#target = target;
    this.#sinks = sinks;
    this.#chunks = redactor.createTextScrubber();
  }

  /** True when streamed items are printed as they come (not collected for -o). */
  get #live(): boolean {
    return this.#target.kind === "default";
  }

  /** One streamed item. */
  async item(wire: unknown, print: boolean): Promise<void> {
    const index = this.#items++;
    const value = fromWire(wire);
    if (typeof value === "string") {
      const safe = this.#chunks.push(value);
      this.collected.push(safe);
      if (print && this.#live) this.#sinks.stdout.write(this.#spec.concatenate ? safe : `${safe}\n`);
      return;
    }
    const shown = await this.#materialise(value, index);
    this.collected.push(shown);
    if (print && this.#live && !isPath(value)) this.#sinks.stdout.write(`${JSON.stringify(shown)}\n`);
  }

  /** The end of a stream: flushes held-back text and, with -o, writes the collected items. */
  async endStream(print: boolean): Promise<void> {
    const rest = this.#chunks.end();
    if (rest !== "") {
      if (this.collected.length > 0 && typeof this.collected.at(-1) === "string") this.collected[this.collected.length - 1] += rest;
      else this.collected.push(rest);
      if (print && this.#live) this.#sinks.stdout.write(this.#spec.concatenate ? rest : `${rest}\n`);
    }
    if (print && this.#live && this.#spec.concatenate) this.#sinks.stdout.write("\n");
    if (!this.#live && print) {
      // A concatenate iterator is one text, as on the terminal; other streams are written as a JSON list.
      const text = this.#spec.concatenate && this.collected.every((item) => typeof item === "string");
      await this.#writeCollected(text ? this.collected.join("") : this.collected);
    }
    if (this.#items === 0 && print) this.#sinks.info("No output generated");
  }

  /** A single (not streamed) output; returns it redacted, with Paths replaced by written files. */
  async single(wire: unknown, print: boolean): Promise<unknown> {
    const value = fromWire(wire);
    if (value === null || value === undefined) {
      this.#sinks.info("No output generated");
      return null;
    }
    const shown = await this.#materialise(value);
    if (!print || isPath(value) || (Array.isArray(value) && value.length > 0 && value.every(isPath))) return shown;
    await this.#writeCollected(shown);
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

  /** Writes Path outputs (and lists of them) to files, then redacts what is left. */
  async #materialise(value: unknown, index?: number): Promise<unknown> {
    if (isSecret(value)) return SECRET_MASK;
    if (isPath(value)) return this.#writePath(value, index);
    if (Array.isArray(value) && value.length > 0 && value.every(isPath)) {
      const files = [];
      for (const [i, path] of value.entries()) files.push(await this.#writePath(path, i));
      return files;
    }
    return this.#redactor.redactValue(value);
  }

  async #writePath(path: Path, index?: number): Promise<string> {
    const dest = outputPathFor(this.#target, extname(path.path), index);
    await this.#writer.copyFile(path.path, dest);
    this.#sinks.info(`Written output to: ${dest}`);
    return dest;
  }
}
