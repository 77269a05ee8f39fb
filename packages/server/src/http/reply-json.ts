import type { FastifyReply } from "fastify";

/** Sends an already serialised JSON body; see {@link createReplyJson}. */
export type ReplyJson = (reply: FastifyReply, status: number, json: string) => FastifyReply;

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * The one way routes answer: a JSON body that leaves through `scrub` (the last line of defence: every
 * body was built redacted already), with `Connection: close` once the server is shutting down (a
 * keep-alive connection that was busy when shutdown began would otherwise hold the server open).
 * Successes — every prediction's answer — are written straight to Node's response, past fastify's
 * send machinery (its payload checks and hooks; none are registered here): ~10 µs less per request.
 */
export function createReplyJson(scrub: (text: string) => string, closing: () => boolean): ReplyJson {
  return (reply, status, json) => {
    const body = scrub(json);
    if (status < 300) {
      const headers: Record<string, string | number> = { "content-type": JSON_TYPE, "content-length": Buffer.byteLength(body) };
      if (closing()) headers.connection = "close";
      reply.hijack();
      reply.raw.writeHead(status, headers).end(body);
      return reply;
    }
    if (closing()) reply.header("connection", "close");
    return reply.code(status).header("content-type", JSON_TYPE).send(body);
  };
}
