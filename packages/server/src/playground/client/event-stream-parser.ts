// A small parser for server-sent events read with fetch (EventSource cannot POST a body). Pure: tested in Node.

/** One event: its name (`message` when the stream gave none) and its data lines joined with "\n". */
export interface ServerSentEvent {
  readonly event: string;
  readonly data: string;
}

/**
 * Parses a `text/event-stream` body fed in arbitrary pieces (a line may be split across reads):
 * `push` returns the events completed by that piece, `end` any event left without its blank line.
 * Comments (`: keep-alive`), `id:` and `retry:` are ignored.
 */
export class EventStreamParser {
  private buffer = "";
  private event = "";
  private data: string[] = [];

  push(text: string): ServerSentEvent[] {
    this.buffer += text;
    const events: ServerSentEvent[] = [];
    // A lone "\r" at the end may be the first half of "\r\n": wait for the next piece.
    const pattern = /\r\n|\n|\r(?!$)/;
    for (let match = pattern.exec(this.buffer); match; match = pattern.exec(this.buffer)) {
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  end(): ServerSentEvent[] {
    const events = this.push("\n\n");
    this.buffer = "";
    return events;
  }

  private line(line: string): ServerSentEvent | undefined {
    if (line === "") {
      if (this.data.length === 0) {
        this.event = "";
        return undefined;
      }
      const event = { event: this.event || "message", data: this.data.join("\n") };
      this.event = "";
      this.data = [];
      return event;
    }
    if (line.startsWith(":")) return undefined;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.event = value;
    else if (field === "data") this.data.push(value);
    return undefined;
  }
}
