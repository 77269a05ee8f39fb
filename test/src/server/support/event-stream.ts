/** One server-sent event as a client reads it: its name and its data parsed as JSON. */
export interface SseEvent {
  readonly event: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read event fields directly
  readonly data: any;
  /** The data line as it came. */
  readonly raw: string;
}

/** An SSE response being read: its status and headers at once, its events as they arrive. */
export interface SseResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body as text when it is not an event stream (a refusal). */
  readonly text: Promise<string>;
  /** The events in order, as they come; ends with the stream. */
  readonly events: AsyncGenerator<SseEvent>;
  /** Hangs up. */
  close(): void;
}

/**
 * `POST /predictions` with `Accept: text/event-stream`, parsed by hand (the spec's framing: lines, a
 * blank line ends an event, `:` starts a comment). Bounded by `timeoutMs` (default 30 s).
 */
export async function postEventStream(url: string, body: unknown, timeoutMs = 30_000): Promise<SseResponse> {
  const aborter = new AbortController();
  const timer = setTimeout(() => aborter.abort(new Error("the event stream timed out")), timeoutMs);
  const response = await fetch(`${url}/predictions`, {
    method: "POST",
    headers: { accept: "text/event-stream", "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: aborter.signal,
  });
  const isStream = (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
  async function* events(): AsyncGenerator<SseEvent> {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const bytes of response.body) {
        buffer += decoder.decode(bytes, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message";
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const [field, ...rest] = line.split(":");
            const value = rest.join(":").replace(/^ /, "");
            if (field === "event") event = value;
            else if (field === "data") data.push(value);
          }
          if (data.length === 0) continue;
          const raw = data.join("\n");
          yield { event, data: JSON.parse(raw), raw };
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }
  return {
    status: response.status,
    headers: response.headers,
    text: isStream ? Promise.resolve("") : response.text().finally(() => clearTimeout(timer)),
    events: events(),
    close: () => {
      clearTimeout(timer);
      aborter.abort();
    },
  };
}
