import type { PredictorSpec } from "@tsc-cog/sdk/engine";
import { requestSecrets, unscrubbableSecrets } from "../secrets/request-secrets.js";
import type { SecretPool } from "../secrets/secret-pool.js";
import { within } from "../util/within.js";
import { WebhookNotifier } from "../webhooks/webhook-notifier.js";
import { parseWebhookUrl, type WebhookUrl } from "../webhooks/webhook-url.js";
import type { SlotPool } from "../workers/slot-pool.js";
import { admitInputs, admitRequest } from "./admission.js";
import { Prediction } from "./prediction.js";
import type { PredictionStore } from "./prediction-store.js";
import type { StreamListener } from "./prediction-stream.js";
import { type Rejection, type RenderJson, rejection } from "./rejection.js";
import { runPrediction } from "./run-prediction.js";
import type { ValidationDetail } from "./validation-detail.js";

/** What the service needs from the server. */
export interface ServiceOptions {
  readonly slots: SlotPool;
  readonly secrets: SecretPool;
  readonly store: PredictionStore;
  readonly render: RenderJson;
  readonly webhooks: {
    readonly authToken?: string;
    readonly userAgent: string;
    readonly throttleMs: number;
    /** Aborts the terminal webhooks' retries (forced shutdown). */
    readonly signal: AbortSignal;
  };
  readonly log: (line: string) => void;
  /** `--upload-url`: returned files are uploaded there instead of returned as data URLs. */
  readonly uploadUrl?: string;
}

/** The outcome of submitting a prediction request. */
export type Submission =
  | Rejection
  | { readonly kind: "existing"; readonly id: string }
  | {
      readonly kind: "accepted";
      readonly prediction: Prediction;
      /** For `respondAsync`: the response body as the prediction was accepted (status `starting`). */
      readonly initial?: string;
    };

interface Running {
  readonly settled: Promise<string>;
}

/**
 * Cog's prediction semantics, apart from HTTP: admission (503 not ready, 422 invalid, 409 at
 * capacity), idempotency by id, running on a free slot, cancelling, webhooks, and the redacted JSON
 * of each prediction. Secrets of a request are held in the pool from before validation on.
 */
export class PredictionService {
  readonly #options: ServiceOptions;
  readonly #running = new Map<Prediction, Running>();
  readonly #webhooks = new Set<Promise<void>>();
  #closing = false;
  #keys = 0;

  constructor(options: ServiceOptions) {
    this.#options = options;
  }

  /**
   * Validates and starts a prediction, or says why not. `urlId` is the id of `PUT /predictions/{id}`;
   * `respondAsync` asks for the accepted state's body (the 202 of `Prefer: respond-async`); `stream`
   * hears its server-sent events from the first (`start`) on.
   */
  submit(
    body: Readonly<Record<string, unknown>>,
    options: { readonly urlId?: string; readonly respondAsync?: boolean; readonly stream?: StreamListener } = {},
  ): Submission {
    const { slots, secrets, store, render, log } = this.#options;
    const admitted = admitRequest(body, options.urlId, slots.health(), this.#closing, render);
    if (admitted.kind === "rejected") return admitted;
    const { id, request } = admitted;
    if (store.get(id)) return { kind: "existing", id };
    const spec = slots.predictorSpec() as PredictorSpec;
    const key = String(++this.#keys);
    // Credentials in the webhook URL are secrets of this prediction, held from now until its webhooks
    // are done (no worker sees them, so they need not outlive that); they are masked by construction
    // wherever the URL is shown, and the pool scrubs them from everything else.
    const webhook = request.webhook === undefined ? undefined : parseWebhookUrl(request.webhook);
    secrets.hold(
      webhookKey(key),
      (webhook?.secrets ?? []).map((value) => ({ value, label: "webhook", kind: "input" as const })),
    );
    // Every context value is a secret of this prediction, held (and scrubbed) like a secret input.
    const contextSecrets = Object.values(request.context).map((value) => ({ value, label: "context", kind: "input" as const }));
    const given = [...requestSecrets(spec.inputs, request.input), ...contextSecrets];
    const unusable = unscrubbableSecrets(given);
    if (unusable.length > 0) return this.#refuse(key, rejection(422, { detail: unusableDetail(unusable) }, render));
    if (given.length > 0) {
      secrets.hold(key, given);
      for (const warning of secrets.newWarnings()) log(`warning: ${warning}`);
    }
    const inputs = admitInputs(spec, id, request.input, render, log);
    if (inputs.kind === "rejected") return this.#refuse(key, inputs);
    const slot = slots.acquire();
    if (!slot) return this.#refuse(key, rejection(409, { error: "At capacity - all prediction slots busy", status: "failed" }, render));
    const { webhookEventsFilter } = request;
    const prediction = new Prediction({ id, values: inputs.values, webhook: webhook?.shown, webhookEventsFilter });
    store.add(prediction);
    const webhooksSent = webhook ? this.#notify(prediction, webhook) : undefined;
    const initial = options.respondAsync ? render(prediction.snapshot()) : undefined;
    const { stream } = options;
    const context = {
      inputs: spec.inputs,
      redactor: secrets.redactor,
      uploadUrl: this.#options.uploadUrl,
      ...(stream ? { stream: (event: Parameters<StreamListener>[0], data: unknown) => stream(event, render(data)) } : {}),
    };
    const worker = slot.generation;
    const settled = runPrediction(prediction, slot, inputs.values, { ...context, requestContext: request.context }).then(() => {
      const json = render(prediction.snapshot());
      store.finish(prediction, json);
      secrets.retire(key, worker);
      this.#running.delete(prediction);
      if (prediction.status === "failed") log(`prediction ${id} failed: ${prediction.snapshot().error}`);
      return json;
    });
    this.#running.set(prediction, { settled });
    if (webhooksSent) void Promise.all([settled, webhooksSent]).finally(() => secrets.drop(webhookKey(key)));
    return { kind: "accepted", prediction, ...(initial !== undefined ? { initial } : {}) };
  }

  /** Whether the predictor streams over SSE (`@Streaming()`); `undefined` until a worker has described it. */
  streaming(): boolean | undefined {
    const spec = this.#options.slots.predictorSpec();
    return spec === undefined ? undefined : spec.output.streaming === true;
  }

  /** The response body of the prediction with this id now (redacted JSON), or `undefined` if there is none. */
  current(id: string): string | undefined {
    const stored = this.#options.store.get(id);
    if (!stored) return undefined;
    return stored.kind === "finished" ? stored.json : this.#options.render(stored.prediction.snapshot());
  }

  /** The final response body of the prediction with this id, once it has finished; `invalid` asks for a 422. */
  async final(id: string): Promise<{ readonly json: string; readonly invalid: boolean } | undefined> {
    const stored = this.#options.store.get(id);
    if (!stored) return undefined;
    if (stored.kind === "finished") return stored;
    const json = await (this.#running.get(stored.prediction)?.settled ?? this.#options.render(stored.prediction.snapshot()));
    return { json, invalid: stored.prediction.invalid };
  }

  /** Cancels a prediction in flight (see {@link runPrediction}); false if there is none with this id. */
  cancel(id: string): boolean {
    const stored = this.#options.store.get(id);
    if (stored?.kind !== "active" || stored.prediction.done) return false;
    stored.prediction.requestCancel();
    return true;
  }

  /** Stops accepting predictions. */
  close(): void {
    this.#closing = true;
  }

  /** How many predictions are in flight. */
  get inFlight(): number {
    return this.#running.size;
  }

  /** Resolves when every prediction in flight has finished and its webhooks were sent (at most `webhookMs` for those). */
  async drain(webhookMs: number): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running.values()].map((running) => running.settled));
    await within(Promise.all(this.#webhooks), webhookMs);
  }

  #refuse(key: string, refusal: Rejection): Rejection {
    this.#options.secrets.drop(key);
    this.#options.secrets.drop(webhookKey(key));
    return refusal;
  }

  /** Sends the prediction's webhooks; resolves when the last is sent or given up on. */
  #notify(prediction: Prediction, webhook: WebhookUrl): Promise<void> {
    const { webhooks, render, log } = this.#options;
    const notifier = new WebhookNotifier(prediction, {
      target: { url: webhook.url, authorization: webhook.authorization, authToken: webhooks.authToken, userAgent: webhooks.userAgent },
      render: () => render(prediction.snapshot()),
      throttleMs: webhooks.throttleMs,
      signal: webhooks.signal,
      onFailure: (event, failure) => log(`prediction ${prediction.id}: the ${event} webhook to ${webhook.shown} failed (${failure})`),
    });
    const idle = prediction.finished.then(() => notifier.idle());
    this.#webhooks.add(idle);
    void idle.finally(() => this.#webhooks.delete(idle));
    return idle;
  }
}

/** The secret pool's key for the credentials of the webhook URL of the request under `key`. */
function webhookKey(key: string): string {
  return `${key}:webhook`;
}

/** The 422 entries for secrets the redaction engine cannot take, one per input. */
function unusableDetail(secrets: readonly { readonly label: string }[]): ValidationDetail[] {
  return [...new Set(secrets.map((secret) => secret.label))].map((name) => ({
    loc: ["body", "input", name],
    msg: "must be valid Unicode text (it holds a lone surrogate), or it could not be kept out of logs",
    type: "value_error",
  }));
}
