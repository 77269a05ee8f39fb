import { stripVTControlCharacters } from "node:util";

/**
 * Watches what is written to streams that share one screen, to know whether the cursor is at the
 * start of a line: so that a message (Ctrl-C's `cancelled:`) begins on a line of its own after
 * output that ended mid-line, without an empty line otherwise.
 */
export class LineEnd {
  #atLineStart = true;

  /** Notes every write to `stream` from now on. */
  watch(stream: NodeJS.WriteStream): void {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((...args: unknown[]) => {
      this.note(args[0]);
      return write(...args);
    }) as typeof stream.write;
  }

  /** Notes one chunk written; empty chunks change nothing. */
  note(chunk: unknown): void {
    const text = typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk.subarray(-64)).toString("latin1") : "";
    const last = stripVTControlCharacters(text).at(-1);
    // ANSI sequences (colour, erase line) move no line: a colour reset alone leaves the cursor where it
    // was, and the status line's clearing (`\r` then erase) returns it to the line's start.
    if (last !== undefined) this.#atLineStart = last === "\n" || last === "\r";
  }

  /** True when nothing was written yet, or the last text written ended a line (or returned to its start). */
  get atLineStart(): boolean {
    return this.#atLineStart;
  }
}
