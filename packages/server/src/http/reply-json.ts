import type { FastifyReply } from "fastify";

/** Sends an already serialised JSON body; see {@link createReplyJson}. */
export type ReplyJson = (reply: FastifyReply, status: number, json: string) => FastifyReply;

/**
 * The one way routes answer: a JSON body that leaves through `scrub` (the last line of defence: every
 * body was built redacted already), with `Connection: close` once the server is shutting down (a
 * keep-alive connection that was busy when shutdown began would otherwise hold the server open).
 */
export function createReplyJson(scrub: (text: string) => string, closing: () => boolean): ReplyJson {
  return (reply, status, json) => {
    if (closing()) reply.header("connection", "close");
    return reply.code(status).header("content-type", "application/json; charset=utf-8").send(scrub(json));
  };
}
