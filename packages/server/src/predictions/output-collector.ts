import { readFile } from "node:fs/promises";
import { fromWire } from "@tsc-cog/runtime";
import { isPath, isSecret, type OutputSpec, type Redactor, SECRET_MASK, type TextRedactor } from "@tsc-cog/sdk";
import { mimeTypeOf, toDataUrl } from "../files/data-url.js";

/**
 * Turns a prediction's wire outputs into what the API returns: Secrets as `**********`, Paths (at any
 * depth) as base64 data URLs of their scrubbed bytes, everything else redacted. Streamed string
 * items are scrubbed as one stream across items, as the CLI does.
 */
export class OutputCollector {
  readonly #spec: OutputSpec;
  readonly #redactor: Redactor;
  readonly #chunks: TextRedactor;
  readonly #items: unknown[] = [];

  constructor(spec: OutputSpec, redactor: Redactor) {
    this.#spec = spec;
    this.#redactor = redactor;
    this.#chunks = redactor.createTextScrubber();
  }

  /** The output so far: the items of a stream, or `null`. */
  get current(): unknown {
    return this.#spec.iterator || this.#items.length > 0 ? [...this.#items] : null;
  }

  /** One streamed item. */
  async item(wire: unknown): Promise<void> {
    const value = fromWire(wire);
    this.#items.push(typeof value === "string" ? this.#chunks.push(value) : await this.#present(value));
  }

  /** The final output: the stream's items (with any held-back text), or the single value. */
  async finish(wire: unknown): Promise<unknown> {
    if (!this.#spec.iterator && this.#items.length === 0) return wire === undefined ? null : this.#present(fromWire(wire));
    const rest = this.#chunks.end();
    if (rest !== "") {
      if (typeof this.#items.at(-1) === "string") this.#items[this.#items.length - 1] += rest;
      else this.#items.push(rest);
    }
    return [...this.#items];
  }

  async #present(value: unknown): Promise<unknown> {
    const shown = await this.#materialise(value, 0);
    return this.#redactor.isEmpty ? shown : this.#redactor.redactValue(shown);
  }

  async #materialise(value: unknown, depth: number): Promise<unknown> {
    if (value === undefined) return null;
    if (isSecret(value)) return SECRET_MASK;
    if (isPath(value)) return this.#dataUrl(value.path);
    if (typeof value !== "object" || value === null || depth > 256) return value;
    if (Array.isArray(value)) return Promise.all(value.map((item) => this.#materialise(item, depth + 1)));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = await this.#materialise(item, depth + 1);
    return out;
  }

  async #dataUrl(file: string): Promise<string> {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new Error(
        `the predictor returned the file ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      );
    }
    const scrubbed = this.#redactor.isEmpty ? bytes : this.#redactor.redactValue(bytes);
    return toDataUrl(scrubbed, mimeTypeOf(file));
  }
}
