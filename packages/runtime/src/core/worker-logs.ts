import type { ByteRedactor, Redactor } from "@tsc-cog/sdk/engine";
import type { WorkerOutput } from "../worker/fork-worker.js";

/** Who a stretch of a worker's logs belongs to: a prediction's id, or `undefined` for the worker's own time (load, setup, between predictions). */
export type LogOwner = string | undefined;

/** Hears scrubbed log bytes (as printed: not necessarily UTF-8, a character may be split across calls), with the prediction they belong to. */
export type LogListener = (bytes: Buffer, owner: LogOwner) => void;

/** At most this much is held before {@link WorkerLogs.arm}; beyond it the rest is dropped, visibly. */
const MAX_HELD = 16 * 1024 * 1024;

/**
 * Everything a worker prints, as one ordered stream scrubbed as one: stdout, stderr and child
 * processes share one pipe (see `forkWorker`), scrubbed as bytes (relayed byte for byte, invalid
 * UTF-8 included) with the worker's lifetime redactor. Nothing is released before {@link WorkerLogs.arm} — a caller arms once every secret of the
 * run is registered, so what a module prints while it loads is scrubbed like the rest. Attribution is
 * out of band: the prediction core calls {@link WorkerLogs.attribute} when it starts and ends a
 * prediction (after reading the pipe dry), and each stretch is scrubbed by a scrubber of its own that
 * is flushed when the stretch ends, so a prediction's logs are complete when it completes.
 */
export class WorkerLogs {
  readonly #redactor: Redactor;
  readonly #listeners: LogListener[] = [];
  readonly #streamListeners: ((bytes: Buffer) => void)[] = [];
  /** The whole output scrubbed as one, never cut at a prediction's end: for the terminal and the server's log. */
  #stream: ByteRedactor | undefined;
  #held: { owner: LogOwner; bytes: Buffer }[] | undefined = [];
  #heldLength = 0;
  #owner: LogOwner;
  #scrubber: ByteRedactor | undefined;
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

  /** Hears every stretch of scrubbed text, in order. */
  onText(listener: LogListener): () => void {
    this.#listeners.push(listener);
    return () => {
      const index = this.#listeners.indexOf(listener);
      if (index >= 0) this.#listeners.splice(index, 1);
    };
  }

  /**
   * Hears the worker's whole output as one stream, scrubbed as one from start to end — a secret split
   * across the end of a prediction (a timer, a child process that outlives it) is still caught — for
   * an egress that shows everything in order: the terminal, the server's log. Not attributed.
   */
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
      this.#switch(chunk.owner);
      this.#release(chunk.bytes);
    }
    this.#switch(owner);
    if (this.#ended) this.#end();
  }

  /** Ends the current stretch (setup is over): what was held back because it might start a secret is released, scrubbed. */
  flush(): void {
    if (this.#held === undefined) this.#flush();
  }

  /** Releases a note of tsc-cog's own (not the predictor's) after what was printed so far. */
  note(text: string): void {
    this.#end();
    this.#emit(Buffer.from(text), this.#owner);
    this.#emitStream(Buffer.from(text));
  }

  /** True once {@link WorkerLogs.arm} was called. */
  get armed(): boolean {
    return this.#held === undefined;
  }

  /**
   * From now on, what the worker prints belongs to `owner`. The stretch that ends is flushed: text
   * held back because it might start a secret is released, scrubbed, to its own owner.
   */
  attribute(owner: LogOwner): void {
    if (this.#held !== undefined) {
      this.#owner = owner;
      return;
    }
    this.#switch(owner);
  }

  #switch(owner: LogOwner): void {
    if (owner === this.#owner && this.#scrubber) return;
    this.#flush();
    this.#owner = owner;
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
    this.#emit(this.#scrubber.push(bytes), this.#owner);
    if (this.#streamListeners.length > 0) {
      this.#stream ??= this.#redactor.createByteScrubber();
      this.#emitStream(this.#stream.push(bytes));
    }
  }

  /** The output has ended (or is cut): everything held back is released, both ways. */
  #end(): void {
    this.#flush();
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream) this.#emitStream(stream.end());
  }

  #emitStream(bytes: Buffer): void {
    if (bytes.length === 0) return;
    for (const listener of [...this.#streamListeners]) listener(bytes);
  }

  #flush(): void {
    const scrubber = this.#scrubber;
    this.#scrubber = undefined;
    if (scrubber) this.#emit(scrubber.end(), this.#owner);
  }

  #emit(bytes: Buffer, owner: LogOwner): void {
    if (bytes.length === 0) return;
    for (const listener of [...this.#listeners]) listener(bytes, owner);
  }
}
