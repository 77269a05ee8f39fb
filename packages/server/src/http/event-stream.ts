import type { FastifyReply, FastifyRequest } from "fastify";
import type { StreamEventName } from "../predictions/prediction-stream.js";

/** How often an idle stream gets a `: keep-alive` comment (Cog's 15 s). */
const KEEP_ALIVE_MS = 15_000;

/** True when any comma-separated part of `Accept`, before its `;`, is `text/event-stream` (as Cog decides). */
export function wantsEventStream(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  if (accept === undefined) return false;
  return accept.split(",").some((part) => (part.split(";")[0] ?? "").trim().toLowerCase() === "text/event-stream");
}

/**
 * One prediction's server-sent events on a reply: frames `event: <name>\ndata: <json>\n\n`, held
 * until {@link EventStream.open} (the prediction may be refused first, with a JSON status), then
 * written as they come; `completed` ends the response. `onDrop` hears a client that hung up first.
 */
export class EventStream {
  readonly #reply: FastifyReply;
  readonly #held: string[] = [];
  #open = false;
  #ended = false;
  #keepAlive: NodeJS.Timeout | undefined;

  constructor(reply: FastifyReply) {
    this.#reply = reply;
  }

  /** Hears an event (its data is one line of redacted JSON). */
  readonly send = (event: StreamEventName, json: string): void => {
    if (this.#ended) return;
    const frame = `event: ${event}\ndata: ${json}\n\n`;
    if (!this.#open) this.#held.push(frame);
    else this.#reply.raw.write(frame);
    if (event === "completed") this.#end();
  };

  /** Sends the 200 with the events held so far; `onDrop` is called if the client leaves before `completed`. */
  open(onDrop: () => void): void {
    const raw = this.#reply.raw;
    this.#reply.hijack();
    raw.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    raw.flushHeaders();
    this.#open = true;
    const ended = this.#ended;
    this.#ended = false;
    for (const frame of this.#held.splice(0)) raw.write(frame);
    raw.once("close", () => {
      clearInterval(this.#keepAlive);
      if (!this.#ended) {
        this.#ended = true;
        onDrop();
      }
    });
    if (ended) this.#end();
    else this.#keepAlive = setInterval(() => raw.write(": keep-alive\n\n"), KEEP_ALIVE_MS);
  }

  #end(): void {
    this.#ended = true;
    clearInterval(this.#keepAlive);
    if (this.#open) this.#reply.raw.end();
  }
}
