import type { ByteRedactor, Redactor } from "@tsc-cog/sdk/engine";
import type { WorkerOutput } from "../worker/fork-worker.js";

/** Who a stretch of a worker's logs belongs to: a prediction's id, or `undefined` for the worker's own time (load, setup, between predictions). */
export type LogOwner = string | undefined;

/** Hears scrubbed log bytes (as printed: not necessarily UTF-8, a character may be split across calls), with the prediction they belong to. */
export type LogListener = (bytes: Buffer, owner: LogOwner) => void;

/** At most this much is held before {@link WorkerLogs.arm}; beyond it the rest is dropped, visibly. */
const MAX_HELD = 16 * 1024 * 1024;

/**
 * Everything a worker prints, as one ordered stream scrubbed as one, from the worker's start to its
 * end: stdout, stderr and child processes share one pipe (see `forkWorker`), scrubbed as bytes
 * (relayed byte for byte, invalid UTF-8 included) by one scrubber with the worker's lifetime redactor.
 *
 * Nothing is released before {@link WorkerLogs.arm}: a caller arms once every secret of the run is
 * registered, so what a module prints while it loads is scrubbed like the rest.
 *
 * Attribution is out of band: the prediction core calls {@link WorkerLogs.attribute} when a prediction
 * starts and ends (after reading the pipe dry), and scrubbed bytes belong to the prediction current
 * when they are released. The scrubber is never cut at a prediction's end: a tail that might start a
 * secret (a prediction printed half of one, a timer or a child process may print the rest) is held
 * until what follows shows whether it does, so a secret split across a prediction's end is caught
 * whole, and is attributed to whichever stretch completes it.
 */
export class WorkerLogs {
  readonly #redactor: Redactor;
  readonly #listeners: LogListener[] = [];
  readonly #streamListeners: ((bytes: Buffer) => void)[] = [];
  #scrubber: ByteRedactor | undefined;
  #held: { owner: LogOwner; bytes: Buffer }[] | undefined = [];
  #heldLength = 0;
  #owner: LogOwner;
  #ended = false;
  /** Resolves when the pipe has closed and everything was released. */
  readonly ended: Promise<void>;

  constructor(output: WorkerOutput, redactor: Redactor, options: { readonly armed?: boolean } = {}) {
    this.#redactor = redactor;
    output.onData((bytes) => this.#bytes(bytes));
    this.ended = output.closed.then(() => {
      this.#ended = true;
      if (this.#held === undefined) this.#end();
    });
    if (options.armed) this.arm();
  }

  /** Hears every piece of scrubbed output, with the prediction it belongs to. */
  onText(listener: LogListener): () => void {
    this.#listeners.push(listener);
    return () => {
      const index = this.#listeners.indexOf(listener);
      if (index >= 0) this.#listeners.splice(index, 1);
    };
  }

  /** Hears the worker's whole output, not attributed: for an egress that shows all of it in order (the terminal, the server's log). */
  onStream(listener: (bytes: Buffer) => void): void {
    this.#streamListeners.push(listener);
  }

  /** Releases what was held, scrubbed, and everything from now on. Register the run's secrets first. */
  arm(): void {
    const held = this.#held;
    if (held === undefined) return;
    this.#held = undefined;
    const owner = this.#owner;
    for (const chunk of held) {
      this.#owner = chunk.owner;
      this.#release(chunk.bytes);
    }
    this.#owner = owner;
    if (this.#ended) this.#end();
  }

  /** True once {@link WorkerLogs.arm} was called. */
  get armed(): boolean {
    return this.#held === undefined;
  }

  /** From now on, what is released belongs to `owner`. */
  attribute(owner: LogOwner): void {
    this.#owner = owner;
  }

  /**
   * Shows bytes scrubbed elsewhere (a `@Concurrent` prediction's logs, which reach the parent tagged
   * with its id, not through the pipe) to the whole-stream listeners — the terminal, the server's log.
   */
  relay(scrubbed: Buffer): void {
    if (scrubbed.length === 0) return;
    for (const listener of [...this.#streamListeners]) listener(scrubbed);
  }

  /** Releases a note of tsc-cog's own (not the predictor's) after everything printed so far, which is released first. */
  note(text: string): void {
    this.#end();
    this.#emit(Buffer.from(text));
  }

  #bytes(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.#held !== undefined) {
      if (this.#heldLength >= MAX_HELD) return;
      this.#heldLength += bytes.length;
      this.#held.push({ owner: this.#owner, bytes });
      if (this.#heldLength >= MAX_HELD) {
        this.#held.push({ owner: this.#owner, bytes: Buffer.from("\n[tsc-cog: output before the run started was cut at 16 MiB]\n") });
      }
      return;
    }
    this.#release(bytes);
  }

  #release(bytes: Buffer): void {
    this.#scrubber ??= this.#redactor.createByteScrubber();
    this.#emit(this.#scrubber.push(bytes));
  }

  /** The output has ended (or is cut): everything held back is released. */
  #end(): void {
    const scrubber = this.#scrubber;
    this.#scrubber = undefined;
    if (scrubber) this.#emit(scrubber.end());
  }

  #emit(bytes: Buffer): void {
    if (bytes.length === 0) return;
    for (const listener of [...this.#listeners]) listener(bytes, this.#owner);
    for (const listener of [...this.#streamListeners]) listener(bytes);
  }
}
