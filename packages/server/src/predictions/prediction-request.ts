import type { ValidationDetail } from "./validation-detail.js";

/** The webhook events a client can ask for, in Cog's order. */
export const WEBHOOK_EVENTS = ["start", "output", "logs", "completed"] as const;

/** One webhook event. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A `PredictionRequest` body, checked for shape (the inputs themselves are checked against the spec later). */
export interface PredictionRequest {
  readonly id?: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly webhook?: string;
  readonly webhookEventsFilter: readonly WebhookEvent[];
  /** The request's `context` (`currentScope().context`): every value is a secret of the prediction, never echoed. */
  readonly context: Readonly<Record<string, string>>;
}

/** The request, or the 422 entries of everything wrong with its shape. */
export type ParsedRequest =
  | { readonly ok: true; readonly request: PredictionRequest }
  | { readonly ok: false; readonly detail: ValidationDetail[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Checks a request body's fields as Cog's `PredictionRequest` model does: `id` a string, `input` an
 * object (`null` or missing is `{}`), `webhook` an http(s) URL, `webhook_events_filter` a list of
 * known events (default all four), `context` an object of strings. Other fields are ignored.
 * The body itself must already be an object (or absent).
 */
export function parsePredictionRequest(body: Readonly<Record<string, unknown>>): ParsedRequest {
  const detail: ValidationDetail[] = [];
  const { id, input, webhook, webhook_events_filter: filter, context } = body;
  if (id !== undefined && id !== null && (typeof id !== "string" || id === ""))
    detail.push({ loc: ["body", "id"], msg: "str type expected", type: "type_error.str" });
  if (input !== undefined && input !== null && !isRecord(input))
    detail.push({ loc: ["body", "input"], msg: "value is not a valid dict", type: "type_error.dict" });
  if (webhook !== undefined && webhook !== null && !isHttpUrl(webhook))
    detail.push({ loc: ["body", "webhook"], msg: "invalid or missing URL scheme", type: "value_error.url.scheme" });
  if (filter !== undefined && filter !== null) {
    if (!Array.isArray(filter))
      detail.push({ loc: ["body", "webhook_events_filter"], msg: "value is not a valid list", type: "type_error.list" });
    else
      filter.forEach((event, index) => {
        if (!(WEBHOOK_EVENTS as readonly unknown[]).includes(event))
          detail.push({
            loc: ["body", "webhook_events_filter", index],
            msg: `value is not a valid enumeration member; permitted: ${WEBHOOK_EVENTS.map((e) => `'${e}'`).join(", ")}`,
            type: "type_error.enum",
          });
      });
  }
  if (context !== undefined && context !== null && (!isRecord(context) || Object.values(context).some((v) => typeof v !== "string")))
    detail.push({ loc: ["body", "context"], msg: "value is not a valid dict of strings", type: "type_error.dict" });
  if (detail.length > 0) return { ok: false, detail };
  return {
    ok: true,
    request: {
      ...(typeof id === "string" ? { id } : {}),
      input: isRecord(input) ? input : {},
      ...(typeof webhook === "string" ? { webhook } : {}),
      webhookEventsFilter: Array.isArray(filter) ? [...new Set(filter as WebhookEvent[])] : WEBHOOK_EVENTS,
      context: isRecord(context) ? { ...(context as Record<string, string>) } : {},
    },
  };
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string" || !URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === "http:" || protocol === "https:";
}
