import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { PredictionService } from "../predictions/prediction-service.js";
import { EventStream, wantsEventStream } from "./event-stream.js";
import { BadRequestError } from "./json-body.js";
import type { ReplyJson } from "./reply-json.js";

/** What the prediction routes use. */
export interface PredictionRoutes {
  readonly service: PredictionService;
}

type IdParams = { Params: { prediction_id: string } };

/** Cog's answer to `Accept: text/event-stream` for a model without streaming (before any input validation). */
const NO_STREAMING = JSON.stringify({
  error: "This model does not support streaming responses. Add @Streaming() to predict() to enable SSE.",
});

/** True when the client asked for an asynchronous prediction (`Prefer: respond-async`). */
function wantsAsync(request: FastifyRequest): boolean {
  const prefer = request.headers.prefer;
  if (prefer === undefined) return false;
  const values = (Array.isArray(prefer) ? prefer : [prefer ?? ""]).flatMap((value) => value.split(","));
  return values.some((value) => value.trim().toLowerCase() === "respond-async");
}

/** The body as an object: absent is `{}`; any other JSON value (`null` too) is a 400. */
function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError("the request body must be a JSON object");
  return body as Record<string, unknown>;
}

/**
 * `POST /predictions`, `PUT /predictions/{id}`, `GET /predictions/{id}` and
 * `POST /predictions/{id}/cancel`, with Cog's status codes: sync 200 (a failed prediction too; 422
 * when the predictor's own input checks refused it), async 202, 409 at capacity, 422 bad input,
 * 503 not ready; `Accept: text/event-stream` streams a `@Streaming()` predictor's events (see
 * {@link streamPrediction}), else 406. A sync or SSE client that hangs up cancels its prediction, as in Cog.
 */
export function registerPredictionRoutes(app: FastifyInstance, { service }: PredictionRoutes, replyJson: ReplyJson): void {
  const respondFinal = async (reply: FastifyReply, id: string) => {
    const final = await service.final(id);
    if (!final) return replyJson(reply, 404, JSON.stringify({ detail: "Not Found" }));
    return replyJson(reply, final.invalid ? 422 : 200, final.json);
  };

  const create = async (request: FastifyRequest, reply: FastifyReply, urlId?: string) => {
    if (wantsEventStream(request)) {
      if (service.streaming() === false) return replyJson(reply, 406, NO_STREAMING);
      return streamPrediction(request, reply, urlId);
    }
    const respondAsync = wantsAsync(request);
    const submission = service.submit(bodyObject(request.body), { urlId, respondAsync });
    if (submission.kind === "rejected") return replyJson(reply, submission.status, submission.json);
    const id = submission.kind === "existing" ? submission.id : submission.prediction.id;
    if (respondAsync) return replyJson(reply, 202, (submission.kind === "accepted" && submission.initial) || service.current(id) || "{}");
    if (submission.kind === "accepted")
      reply.raw.once("close", () => {
        if (!reply.raw.writableFinished) service.cancel(id);
      });
    return respondFinal(reply, id);
  };

  /**
   * Server-sent events as Cog sends them: `start`, then `log` and `output` as they happen, then
   * `completed` (the snapshot), and the response ends. Refusals (422/409/503) stay JSON; a request for
   * an id already in flight answers as without SSE (no replay of its events).
   */
  const streamPrediction = async (request: FastifyRequest, reply: FastifyReply, urlId?: string) => {
    const events = new EventStream(reply);
    const submission = service.submit(bodyObject(request.body), { urlId, stream: events.send });
    if (submission.kind === "rejected") return replyJson(reply, submission.status, submission.json);
    if (submission.kind === "existing") return respondFinal(reply, submission.id);
    const { id } = submission.prediction;
    events.open(() => service.cancel(id));
    return reply;
  };

  app.post("/predictions", (request, reply) => create(request, reply));
  app.put<IdParams>("/predictions/:prediction_id", (request, reply) => create(request, reply, request.params.prediction_id));

  app.get<IdParams>("/predictions/:prediction_id", (request, reply) => {
    const json = service.current(request.params.prediction_id);
    return json === undefined ? replyJson(reply, 404, JSON.stringify({ detail: "Not Found" })) : replyJson(reply, 200, json);
  });

  app.post<IdParams>("/predictions/:prediction_id/cancel", (request, reply) =>
    replyJson(reply, service.cancel(request.params.prediction_id) ? 200 : 404, "{}"),
  );
}
