import { outputMediaType, readScrubbedFile, replacePaths, toDataUrl } from "@tsc-cog/runtime";
import type { Redactor } from "@tsc-cog/sdk/engine";
import { uploadName, uploadOutput } from "../files/upload-output.js";

/** `--upload-url`: returned files are uploaded there instead of inlined; `signal` aborts the uploads (a cancel). */
export interface UploadTarget {
  readonly url: string;
  readonly signal: AbortSignal;
}

/**
 * Turns a prediction's outputs (already decoded and redacted by the prediction core) into what the
 * API returns: every returned file, at any depth, as a base64 data URL of its scrubbed bytes, typed
 * by its extension (one that holds no secret) — or, with an {@link UploadTarget}, as the URL it was
 * uploaded to — and streamed items collected in order.
 */
export class OutputCollector {
  readonly #redactor: Redactor;
  readonly #items: unknown[] = [];
  readonly #upload: UploadTarget | undefined;
  #files = 0;

  /** @param redactor the worker's lifetime redactor, for the bytes (and names) of returned files */
  constructor(redactor: Redactor, upload?: UploadTarget) {
    this.#redactor = redactor;
    this.#upload = upload;
  }

  /**
   * The items streamed so far: the live array itself, not a copy (copying it per item would make
   * collecting quadratic in the number of items). It grows as items come; readers copy it if they keep it.
   */
  get items(): readonly unknown[] {
    return this.#items;
  }

  /** One streamed item; `continues` appends text held back from the previous string item. */
  async item(value: unknown, continues = false): Promise<void> {
    if (continues && typeof value === "string" && typeof this.#items.at(-1) === "string") {
      this.#items[this.#items.length - 1] += value;
      return;
    }
    this.#items.push(await this.present(value));
  }

  /** A value with its returned files as data URLs, or uploaded and as their URLs. */
  present(value: unknown): Promise<unknown> {
    const upload = this.#upload;
    return replacePaths(value, async (path) => {
      if (upload) return uploadOutput(path, uploadName(path, this.#redactor, this.#files++), upload.url, this.#redactor, upload.signal);
      return toDataUrl(await readScrubbedFile(path, this.#redactor), outputMediaType(path, this.#redactor));
    });
  }
}
