import { performance } from "node:perf_hooks";
import { StringDecoder } from "node:string_decoder";
import type { InputIssue } from "@tsc-cog/sdk";
import type { OutputSpec, Redactor } from "@tsc-cog/sdk/engine";
import { toWire } from "../values/wire.js";
import { WorkerExitedError } from "../worker/errors.js";
import type { WireValue } from "../worker/protocol.js";
import type { PredictorWorker, WorkerEvent } from "../worker/worker-client.js";
import { fromWireError, PredictorFailure } from "./failure.js";
import { presentOutput } from "./output-values.js";
import type { WorkerLogs } from "./worker-logs.js";

/**
 * What a prediction tells its caller, in the order it happened: every log line comes before the output
 * that was produced after it. Every text is already redacted; outputs are decoded (Secrets masked,
 * returned files as `Path`s for the caller to materialise). Exactly one terminal event ends the stream:
 * `succeeded`, `failed`, `invalid` or `canceled`.
 */
export type PredictionEvent =
  /** Scrubbed text the predictor printed (stdout, stderr and its child processes, in order). */
  | { readonly type: "log"; readonly text: string }
  /**
   * One streamed item. String items are scrubbed as one stream (a secret split across two items is
   * caught), so a tail that might start a secret is held back: it arrives later, with `continues`
   * when it belongs at the end of the previous string item.
   */
  | { readonly type: "output"; readonly value: unknown; readonly continues?: boolean }
  /**
   * The prediction returned: `value` is its output, or `null` when it streamed (the items came as
   * `output` events). `metrics` (here and on `failed`) holds what it recorded with
   * `currentScope().recordMetric`, redacted like outputs (`{}` if nothing).
   */
  | { readonly type: "succeeded"; readonly value: unknown; readonly streamed: boolean; readonly metrics: Readonly<Record<string, unknown>> }
  | { readonly type: "failed"; readonly error: PredictorFailure; readonly metrics: Readonly<Record<string, unknown>> }
  /** The predictor's own input checks (an input class's validators) refused the inputs. */
  | { readonly type: "invalid"; readonly issues: readonly InputIssue[] }
  | { readonly type: "canceled" };

/** The terminal events. */
export type PredictionOutcome = Extract<PredictionEvent, { type: "succeeded" | "failed" | "invalid" | "canceled" }>;

/**
 * One prediction on a worker: an async iterable of {@link PredictionEvent}s (iterate it once). Logs
 * are attributed out of band — from the moment the `predict` message is sent until the worker's
 * terminal message has arrived and the pipe was read dry — so no text the predictor prints can end or
 * forge a prediction's logs.
 */
export class PredictionRun implements AsyncIterable<PredictionEvent> {
  readonly id: string;
  readonly #queue: PredictionEvent[] = [];
  #head = 0;
  #wake: (() => void) | undefined;
  #finished = false;
  #startedAt = performance.now();
  #predictTime: number | undefined;
  readonly #worker: PredictorWorker;
  /** Resolves when the worker has finished with the prediction (its terminal message, or its death). */
  readonly settled: Promise<void>;

  constructor(
    worker: PredictorWorker,
    logs: WorkerLogs,
    redactor: Redactor,
    output: OutputSpec,
    id: string,
    inputs: Readonly<Record<string, unknown>>,
    context?: Readonly<Record<string, string>>,
  ) {
    this.id = id;
    this.#worker = worker;
    worker.output.drain();
    logs.attribute(id);
    const decoder = new StringDecoder("utf8");
    const detach = logs.onText((bytes, owner) => {
      if (owner === id) this.#push({ type: "log", text: decoder.write(bytes) });
    });
    this.#startedAt = performance.now();
    const events = worker.predict(id, toWire(inputs) as Record<string, WireValue>, context);
    this.settled = this.#pump(events, redactor, output).finally(() => {
      // The terminal message arrived and the pipe was read dry: the rest is not this prediction's.
      logs.attribute(undefined);
      detach();
      const rest = decoder.end();
      if (rest !== "") this.#push({ type: "log", text: rest });
    });
    void this.settled.then(() => {
      if (this.#pendingOutcome) this.#push(this.#pendingOutcome);
      this.#pendingOutcome = undefined;
    });
  }

  #pendingOutcome: PredictionOutcome | undefined;

  /** Seconds from sending the inputs to the worker's terminal message (or the cancel). */
  get predictTime(): number {
    return this.#predictTime ?? (performance.now() - this.#startedAt) / 1000;
  }

  /**
   * Ends the prediction as canceled at once. The worker gets `graceMs` to finish it (its outputs are
   * dropped), then it is killed: the caller replaces a killed worker.
   */
  async cancel(graceMs = 0): Promise<void> {
    if (this.#finished) return;
    this.#outcome({ type: "canceled" });
    let timer: NodeJS.Timeout | undefined;
    const killed = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.#worker.kill();
        resolve();
      }, graceMs);
    });
    await Promise.race([this.settled, killed]);
    clearTimeout(timer);
    await this.settled;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<PredictionEvent> {
    for (;;) {
      while (this.#head < this.#queue.length) {
        const event = this.#queue[this.#head++];
        yield event;
        if (isOutcome(event)) return;
      }
      this.#queue.length = 0;
      this.#head = 0;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  async #pump(events: AsyncGenerator<WorkerEvent>, redactor: Redactor, output: OutputSpec): Promise<void> {
    const chunks = redactor.createTextScrubber();
    let streamed = output.iterator === true;
    let outcome: PredictionOutcome;
    try {
      outcome = { type: "failed", error: new PredictorFailure("predict", "the prediction ended without a result"), metrics: {} };
      for await (const event of events) {
        if (event.type === "output") {
          streamed = true;
          const value = presentOutput(event.value, redactor);
          this.#output(typeof value === "string" ? { type: "output", value: chunks.push(value) } : { type: "output", value });
        } else if (event.type === "done") {
          if (streamed) {
            const rest = chunks.end();
            if (rest !== "") this.#output({ type: "output", value: rest, continues: true });
          }
          const value = streamed ? null : presentOutput(event.value, redactor);
          outcome = { type: "succeeded", value, streamed, metrics: presentMetrics(event.metrics, redactor) };
        } else if (event.type === "failed") {
          outcome = {
            type: "failed",
            error: fromWireError(event.error, "predict", redactor),
            metrics: presentMetrics(event.metrics, redactor),
          };
        } else {
          const issues = event.issues.map((issue) => ({
            ...issue,
            detail: redactor.redactText(issue.detail ?? issue.message),
            message: redactor.redactText(issue.message),
          }));
          outcome = { type: "invalid", issues };
        }
      }
    } catch (error) {
      const message = error instanceof WorkerExitedError ? error.message : `the prediction failed: ${(error as Error).message}`;
      outcome = { type: "failed", error: new PredictorFailure("predict", redactor.redactText(message)), metrics: {} };
    }
    // Delivered once the pipe is read dry and the logs' last stretch is flushed (see the constructor).
    if (!this.#finished) this.#pendingOutcome = outcome;
    this.#predictTime ??= (performance.now() - this.#startedAt) / 1000;
  }

  #output(event: PredictionEvent): void {
    if (!this.#finished) this.#push(event);
  }

  #outcome(event: PredictionOutcome): void {
    this.#predictTime ??= (performance.now() - this.#startedAt) / 1000;
    this.#push(event);
  }

  #push(event: PredictionEvent): void {
    if (this.#finished) return;
    if (isOutcome(event)) this.#finished = true;
    this.#queue.push(event);
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

/** A prediction's recorded metrics, redacted (keys and values) as outputs are. */
function presentMetrics(metrics: Readonly<Record<string, unknown>> | undefined, redactor: Redactor): Readonly<Record<string, unknown>> {
  if (!metrics) return {};
  return presentOutput(metrics, redactor) as Record<string, unknown>;
}

function isOutcome(event: PredictionEvent): event is PredictionOutcome {
  return event.type === "succeeded" || event.type === "failed" || event.type === "invalid" || event.type === "canceled";
}
