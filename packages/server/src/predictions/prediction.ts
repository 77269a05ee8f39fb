import { isSecret, SECRET_MASK } from "@tsc-cog/sdk";
import type { WebhookEvent } from "./prediction-request.js";

/** Where a prediction is in its life: `starting → processing → succeeded | failed | canceled`. */
export type PredictionStatus = "starting" | "processing" | "succeeded" | "failed" | "canceled";

/** The JSON a client sees for a prediction (Cog's `PredictionResponse`). */
export interface PredictionResponse {
  readonly id: string;
  readonly status: PredictionStatus;
  readonly input: Readonly<Record<string, unknown>>;
  readonly output: unknown;
  readonly error: string | null;
  readonly logs: string;
  readonly created_at: string;
  readonly started_at: string | null;
  readonly completed_at: string | null;
  readonly metrics: { readonly predict_time?: number };
  readonly webhook?: string;
  readonly webhook_events_filter?: readonly WebhookEvent[];
}

/** What a prediction was created with. */
export interface PredictionInit {
  readonly id: string;
  /** The validated inputs with defaults filled (Secrets are masked in every echo). */
  readonly values: Readonly<Record<string, unknown>>;
  readonly webhook?: string;
  readonly webhookEventsFilter: readonly WebhookEvent[];
}

/**
 * One prediction's state. Every field is already redacted when set (logs arrive scrubbed, outputs
 * and errors are redacted by the runner); listeners hear of each change by its webhook event name.
 */
export class Prediction {
  readonly id: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly webhook?: string;
  readonly webhookEventsFilter: readonly WebhookEvent[];
  readonly finished: Promise<void>;
  #resolve!: () => void;
  #status: PredictionStatus = "starting";
  #output: unknown = null;
  #error: string | null = null;
  #logs = "";
  readonly #createdAt = new Date();
  #startedAt: Date | null = null;
  #completedAt: Date | null = null;
  #predictTime: number | undefined;
  readonly #listeners: ((event: WebhookEvent) => void)[] = [];
  #cancelRequested = false;
  readonly #cancelListeners: (() => void)[] = [];
  /** It failed the predictor's own input checks (input-class validators) in the worker. */
  invalid = false;

  constructor(init: PredictionInit) {
    this.id = init.id;
    this.input = maskSecrets(init.values) as Record<string, unknown>;
    this.webhook = init.webhook;
    this.webhookEventsFilter = init.webhookEventsFilter;
    this.finished = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  get status(): PredictionStatus {
    return this.#status;
  }

  /** The logs so far (scrubbed). */
  get logs(): string {
    return this.#logs;
  }

  get done(): boolean {
    return this.#completedAt !== null;
  }

  /** True once a client asked to cancel it. */
  get cancelRequested(): boolean {
    return this.#cancelRequested;
  }

  /** A client asks to cancel it: the runner hears of it through {@link Prediction.onCancel}. */
  requestCancel(): void {
    if (this.#cancelRequested || this.done) return;
    this.#cancelRequested = true;
    for (const listener of this.#cancelListeners) listener();
  }

  /** Hears a cancel request (at once if there was one already). */
  onCancel(listener: () => void): void {
    if (this.#cancelRequested) listener();
    else this.#cancelListeners.push(listener);
  }

  /** Hears `start`, `output`, `logs` and `completed`. */
  onChange(listener: (event: WebhookEvent) => void): void {
    this.#listeners.push(listener);
  }

  /** The predictor starts working on it. */
  start(): void {
    this.#status = "processing";
    this.#startedAt = new Date();
    this.#emit("start");
  }

  appendLogs(text: string): void {
    if (this.done || text === "") return;
    this.#logs += text;
    this.#emit("logs");
  }

  setOutput(output: unknown): void {
    if (this.done) return;
    this.#output = output;
    this.#emit("output");
  }

  /** Ends it (once); `predictTime` in seconds. */
  complete(status: "succeeded" | "failed" | "canceled", result: { output?: unknown; error?: string; predictTime?: number }): void {
    if (this.done) return;
    this.#status = status;
    if (result.output !== undefined) this.#output = result.output;
    this.#error = result.error ?? null;
    this.#predictTime = result.predictTime;
    this.#completedAt = new Date();
    this.#emit("completed");
    this.#resolve();
  }

  /** The response body now. */
  snapshot(): PredictionResponse {
    return {
      id: this.id,
      status: this.#status,
      input: this.input,
      output: this.#output,
      error: this.#error,
      logs: this.#logs,
      created_at: this.#createdAt.toISOString(),
      started_at: this.#startedAt?.toISOString() ?? null,
      completed_at: this.#completedAt?.toISOString() ?? null,
      metrics: this.#predictTime === undefined ? {} : { predict_time: this.#predictTime },
      ...(this.webhook !== undefined ? { webhook: this.webhook, webhook_events_filter: this.webhookEventsFilter } : {}),
    };
  }

  #emit(event: WebhookEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

/** Every Secret (at any depth) as `**********`. */
function maskSecrets(value: unknown): unknown {
  if (isSecret(value)) return SECRET_MASK;
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskSecrets(item)]));
  return value;
}
