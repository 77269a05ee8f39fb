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
  /** What the predictor recorded (`currentScope().recordMetric`), and `predict_time`, which always wins. */
  readonly metrics: { readonly predict_time?: number; readonly [key: string]: unknown };
  readonly webhook?: string;
  readonly webhook_events_filter?: readonly WebhookEvent[];
}

/** What a prediction was created with. */
export interface PredictionInit {
  readonly id: string;
  /** The validated inputs with defaults filled (Secrets are masked in every echo). */
  readonly values: Readonly<Record<string, unknown>>;
  /** The webhook URL as it may be shown (its credentials masked, see `parseWebhookUrl`). */
  readonly webhook?: string;
  readonly webhookEventsFilter: readonly WebhookEvent[];
}

/** The most a prediction keeps of its logs, in UTF-8 bytes; the rest is only in the server's log. */
export const MAX_LOG_BYTES = 8 * 1024 * 1024;

/** Ends the kept logs of a prediction that printed more than {@link MAX_LOG_BYTES}. */
export const LOGS_TRUNCATED = "\n[tsc-cog: logs truncated at 8 MiB; the rest went to the server's log]\n";

/**
 * One prediction's state. Every field is already redacted when set (logs arrive scrubbed, outputs
 * and errors are redacted by the runner); listeners hear of each change by its webhook event name.
 * Changes are cheap (nothing is copied or rendered per log line or output item): {@link
 * Prediction.snapshot} copies what it needs when someone reads it.
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
  /** The streamed items so far: the collector's live array, copied only by snapshots. */
  #items: readonly unknown[] | undefined;
  #error: string | null = null;
  #logs = "";
  /** UTF-8 bytes in {@link Prediction.logs}, up to {@link MAX_LOG_BYTES}; -1 once they were cut. */
  #logBytes = 0;
  readonly #createdAt = new Date();
  #startedAt: Date | null = null;
  #completedAt: Date | null = null;
  #predictTime: number | undefined;
  #metrics: Readonly<Record<string, unknown>> = {};
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

  /**
   * More of what the predictor printed. At most {@link MAX_LOG_BYTES} are kept (memory is bounded per
   * prediction); past them the logs end with {@link LOGS_TRUNCATED} and the rest is dropped here —
   * the server's log has all of it (every worker's output is relayed there).
   */
  appendLogs(text: string): void {
    if (this.done || text === "" || this.#logBytes < 0) return;
    const bytes = Buffer.byteLength(text);
    if (this.#logBytes + bytes <= MAX_LOG_BYTES) {
      this.#logs += text;
      this.#logBytes += bytes;
    } else {
      this.#logs += utf8Prefix(text, MAX_LOG_BYTES - this.#logBytes) + LOGS_TRUNCATED;
      this.#logBytes = -1;
    }
    this.#emit("logs");
  }

  /**
   * The output items streamed so far. `items` is the collector's live array, kept by reference: it
   * is not copied per item (that would be quadratic in their number), only by each snapshot.
   */
  setOutput(items: readonly unknown[]): void {
    if (this.done) return;
    this.#items = items;
    this.#emit("output");
  }

  /** Ends it (once); `predictTime` in seconds. */
  complete(
    status: "succeeded" | "failed" | "canceled",
    result: { output?: unknown; error?: string; predictTime?: number; metrics?: Readonly<Record<string, unknown>> },
  ): void {
    if (this.done) return;
    this.#status = status;
    // The final output, or the items streamed so far, copied once: the live array is not ours.
    const output = result.output !== undefined ? result.output : this.#items;
    if (output !== undefined) this.#output = output === this.#items ? [...(output as unknown[])] : output;
    this.#items = undefined;
    this.#error = result.error ?? null;
    this.#predictTime = result.predictTime;
    this.#metrics = result.metrics ?? {};
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
      output: this.#items ? [...this.#items] : this.#output,
      error: this.#error,
      logs: this.#logs,
      created_at: this.#createdAt.toISOString(),
      started_at: this.#startedAt?.toISOString() ?? null,
      completed_at: this.#completedAt?.toISOString() ?? null,
      metrics: this.#predictTime === undefined ? { ...this.#metrics } : { ...this.#metrics, predict_time: this.#predictTime },
      ...(this.webhook !== undefined ? { webhook: this.webhook, webhook_events_filter: this.webhookEventsFilter } : {}),
    };
  }

  #emit(event: WebhookEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

/** The longest start of `text` that is at most `bytes` long in UTF-8, cut between characters. */
function utf8Prefix(text: string, bytes: number): string {
  const encoded = Buffer.from(text);
  let end = bytes;
  while (end > 0 && (encoded[end] & 0xc0) === 0x80) end--;
  return encoded.subarray(0, end).toString();
}

/** Every Secret (at any depth) as `**********`. */
function maskSecrets(value: unknown): unknown {
  if (isSecret(value)) return SECRET_MASK;
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskSecrets(item)]));
  return value;
}
