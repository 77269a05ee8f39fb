import { StringDecoder } from "node:string_decoder";
import type { Redactor, TextRedactor } from "@tsc-cog/sdk";

/** A worker's output pipe. */
export type LogChannel = "stdout" | "stderr";

/** At most this much of one segment's logs is kept (the rest is still relayed to the server's stderr). */
const MAX_KEPT = 8 * 1024 * 1024;
const TRUNCATED = "\n[tsc-cog: logs truncated at 8 MiB]\n";

interface ChannelScrub {
  readonly decoder: StringDecoder;
  readonly text: TextRedactor;
}

/**
 * The logs of one stretch of a worker's life — its setup, or one prediction — from both pipes.
 * Bytes that arrive before the segment is bound to a redactor are held raw; once bound, each pipe
 * is decoded and scrubbed as its own stream (a secret split across two writes is still caught) and
 * the scrubbed text is kept and handed to the listener. {@link LogSegment.complete} resolves when
 * both pipes have passed their boundary marker or ended.
 */
export class LogSegment {
  readonly complete: Promise<void>;
  #resolve!: () => void;
  #raw: { channel: LogChannel; bytes: Buffer }[] = [];
  readonly #ended = new Set<LogChannel>();
  readonly #scrub = new Map<LogChannel, ChannelScrub>();
  #redactor: Redactor | undefined;
  #listener: ((text: string) => void) | undefined;
  #text = "";

  constructor() {
    this.complete = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  /** True once both pipes have ended. */
  get isComplete(): boolean {
    return this.#ended.size === 2;
  }

  /** The scrubbed logs so far. */
  get text(): string {
    return this.#text;
  }

  /** Starts scrubbing with `redactor` (register the stretch's secrets first) and reporting text to `listener`. */
  bind(redactor: Redactor, listener: (text: string) => void): void {
    if (this.#redactor) throw new Error("a log segment is bound once");
    this.#redactor = redactor;
    this.#listener = listener;
    const raw = this.#raw;
    this.#raw = [];
    for (const { channel, bytes } of raw) this.#feed(channel, bytes);
    for (const channel of this.#ended) this.#flush(channel);
  }

  /** Bytes from one pipe. */
  write(channel: LogChannel, bytes: Buffer): void {
    if (this.#ended.has(channel)) return;
    if (!this.#redactor) {
      this.#raw.push({ channel, bytes: Buffer.from(bytes) });
      return;
    }
    this.#feed(channel, bytes);
  }

  #feed(channel: LogChannel, bytes: Buffer): void {
    const scrub = this.#scrubFor(channel);
    this.#emit(scrub.text.push(scrub.decoder.write(bytes)));
  }

  /** One pipe passed its boundary (or ended): flush what it held back. */
  end(channel: LogChannel): void {
    if (this.#ended.has(channel)) return;
    this.#ended.add(channel);
    if (this.#redactor) this.#flush(channel);
    if (this.#ended.size === 2) this.#resolve();
  }

  #flush(channel: LogChannel): void {
    const scrub = this.#scrub.get(channel);
    if (scrub) this.#emit(scrub.text.push(scrub.decoder.end()) + scrub.text.end());
  }

  #scrubFor(channel: LogChannel): ChannelScrub {
    let scrub = this.#scrub.get(channel);
    if (!scrub) {
      scrub = { decoder: new StringDecoder("utf8"), text: (this.#redactor as Redactor).createTextScrubber() };
      this.#scrub.set(channel, scrub);
    }
    return scrub;
  }

  #emit(text: string): void {
    if (text === "") return;
    if (this.#text.length < MAX_KEPT) {
      this.#text += text;
      if (this.#text.length >= MAX_KEPT) this.#text = this.#text.slice(0, MAX_KEPT) + TRUNCATED;
    }
    this.#listener?.(text);
  }
}
