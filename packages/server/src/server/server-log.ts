import type { Redactor, TextRedactor } from "@tsc-cog/sdk/engine";

/**
 * The server's own log (its stderr): its lines and what every worker prints, written as one stream and
 * scrubbed as one with every secret the server knows — so halves of a secret printed by two workers, or
 * by a timer of one prediction during the next, are still caught where they meet. Text that might start
 * a secret is held until the next write shows whether it does (or {@link ServerLog.close}).
 */
export class ServerLog {
  readonly #write: (text: string) => void;
  readonly #redactor: () => Redactor;
  #scrubber: TextRedactor | undefined;
  #from: Redactor | undefined;

  /** @param redactor the server's current redactor (it is replaced when secrets are forgotten) */
  constructor(write: (text: string) => void, redactor: () => Redactor) {
    this.#write = write;
    this.#redactor = redactor;
  }

  /** A line of the server's own. */
  line(text: string): void {
    this.text(`${text}\n`);
  }

  /** Text as it comes (a worker's output). */
  text(text: string): void {
    const redactor = this.#redactor();
    if (redactor !== this.#from) {
      if (this.#scrubber) this.#emit(this.#scrubber.end());
      this.#from = redactor;
      this.#scrubber = redactor.createTextScrubber();
    }
    this.#emit((this.#scrubber as TextRedactor).push(text));
  }

  /** Releases what was held back. */
  close(): void {
    if (this.#scrubber) this.#emit(this.#scrubber.end());
    this.#scrubber = undefined;
    this.#from = undefined;
  }

  #emit(text: string): void {
    if (text !== "") this.#write(text);
  }
}
