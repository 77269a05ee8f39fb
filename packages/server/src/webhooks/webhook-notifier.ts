import type { Prediction } from "../predictions/prediction.js";
import type { WebhookEvent } from "../predictions/prediction-request.js";
import { postWebhook, type WebhookTarget } from "./post-webhook.js";

/** How the notifier renders and reports. */
export interface NotifierOptions {
  readonly target: WebhookTarget;
  /** The prediction's current response body as redacted JSON. */
  readonly render: () => string;
  /** Non-terminal events are sent at most once per this many ms (Cog: 500). */
  readonly throttleMs: number;
  /** Aborts the terminal event's retries (forced shutdown). */
  readonly signal?: AbortSignal;
  /** Reports a webhook that could not be delivered. */
  readonly onFailure: (event: WebhookEvent, failure: string) => void;
}

/**
 * Sends a prediction's webhooks as Cog does: the events in its `webhook_events_filter`, in order,
 * non-terminal ones (`start`, `output`, `logs`) at most once per throttle window — a change inside the
 * window is sent when it closes, with the state of that moment — and the terminal `completed` once,
 * retried with backoff. {@link WebhookNotifier.idle} resolves when everything due has been sent.
 */
export class WebhookNotifier {
  readonly #prediction: Prediction;
  readonly #options: NotifierOptions;
  #chain: Promise<void> = Promise.resolve();
  #lastSent = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;

  constructor(prediction: Prediction, options: NotifierOptions) {
    this.#prediction = prediction;
    this.#options = options;
    prediction.onChange((event) => this.#changed(event));
  }

  /** Resolves when every webhook due so far was sent (or given up on). */
  idle(): Promise<void> {
    return this.#chain;
  }

  #changed(event: WebhookEvent): void {
    const wanted = this.#prediction.webhookEventsFilter.includes(event);
    if (event === "completed") {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      if (wanted) this.#enqueue("completed", this.#options.render(), true);
      return;
    }
    if (!wanted || this.#timer) return;
    const wait = this.#lastSent + this.#options.throttleMs - performance.now();
    if (wait <= 0) this.#sendNow(event);
    else this.#timer = setTimeout(() => this.#sendNow(event), wait);
  }

  #sendNow(event: WebhookEvent): void {
    this.#timer = undefined;
    if (this.#prediction.done) return;
    this.#lastSent = performance.now();
    this.#enqueue(event, this.#options.render(), false);
  }

  #enqueue(event: WebhookEvent, body: string, terminal: boolean): void {
    this.#chain = this.#chain.then(async () => {
      const failure = await postWebhook(this.#options.target, body, terminal, this.#options.signal);
      if (failure !== undefined) this.#options.onFailure(event, failure);
    });
  }
}
