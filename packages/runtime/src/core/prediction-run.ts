import { performance } from "node:perf_hooks";
import { StringDecoder } from "node:string_decoder";
import type { InputIssue } from "@tsc-cog/sdk";
import type { ByteRedactor, OutputSpec, Redactor } from "@tsc-cog/sdk/engine";
import { AsyncQueue } from "../util/async-queue.js";
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

/** How a prediction's logs reach it. */
export type LogCapture =
  /** The worker runs one prediction at a time: its logs are the pipe's, attributed out of band (child processes' output included). */
  | "pipe"
  /** The worker runs several at once: its `process.stdout`/`stderr` writes come tagged with its id, scrubbed by a scrubber of its own. */
  | "tagged";

/**
 * One prediction on a worker: an async iterable of {@link PredictionEvent}s (iterate it once). With
 * `pipe` capture, logs are attributed out of band — from the moment the `predict` message is sent until
 * the worker's terminal message has arrived and the pipe was read dry — so no text the predictor prints
 * can end or forge a prediction's logs. With `tagged` capture (a `@Concurrent` predictor), the worker
 * routes each prediction's writes by its async context; they are scrubbed with the worker's lifetime
 * redactor (every secret it was ever given, not only this prediction's) as one stream of their own.
 */
export class PredictionRun implements AsyncIterable<PredictionEvent> {
  readonly id: string;
  readonly #events = new AsyncQueue<PredictionEvent>();
  #finished = false;
  #startedAt = performance.now();
  #predictTime: number | undefined;
  readonly #worker: PredictorWorker;
  readonly #capture: LogCapture;
  /** Resolves when the worker has finished with the prediction (its terminal message, or its death). */
  readonly settled: Promise<void>;

  constructor(
    worker: PredictorWorker,
    logs: WorkerLogs,
    redactor: Redactor,
    output: OutputSpec,
    run: { readonly id: string; readonly inputs: Readonly<Record<string, unknown>>; readonly context?: Readonly<Record<string, string>> },
    capture: LogCapture,
  ) {
    const { id } = run;
    this.id = id;
    this.#worker = worker;
    this.#capture = capture;
    const decoder = new StringDecoder("utf8");
    const text = (bytes: Buffer) => {
      if (bytes.length > 0) this.#push({ type: "log", text: decoder.write(bytes) });
    };
    let detach = () => {};
    let scrubber: ByteRedactor | undefined;
    if (capture === "pipe") {
      worker.output.drain();
      logs.attribute(id);
      detach = logs.onText((bytes, owner) => {
        if (owner === id) text(bytes);
      });
    } else {
      scrubber = redactor.createByteScrubber();
    }
    const tagged = (bytes: Buffer) => {
      const scrubbed = (scrubber as ByteRedactor).push(bytes);
      text(scrubbed);
      logs.relay(scrubbed);
    };
    this.#startedAt = performance.now();
    const events = worker.predict(id, toWire(run.inputs) as Record<string, WireValue>, run.context);
    const pumped = this.#pump(events, redactor, output, tagged);
    this.settled = pumped.then(
      () => {},
      () => {},
    );
    void pumped.then((outcome) => {
      // The terminal message arrived and the pipe was read dry: the rest is not this prediction's.
      if (capture === "pipe") logs.attribute(undefined);
      detach();
      if (scrubber) {
        const rest = scrubber.end();
        text(rest);
        logs.relay(rest);
      }
      const rest = decoder.end();
      if (rest !== "") this.#push({ type: "log", text: rest });
      this.#push(outcome);
    });
  }

  /** Seconds from sending the inputs to the worker's terminal message (or the cancel). */
  get predictTime(): number {
    return this.#predictTime ?? (performance.now() - this.#startedAt) / 1000;
  }

  /**
   * Ends the prediction as canceled at once and asks the worker to stop it (`currentScope().signal`
   * aborts; a generator is stopped at its next item); its outputs are dropped. A worker running one
   * prediction at a time gets `graceMs` to finish it, then it is killed (the caller replaces a killed
   * worker). A worker running several is never killed for one: the others go on, and this one's
   * `settled` waits until `predict()` has returned.
   */
  async cancel(graceMs = 0): Promise<void> {
    if (this.#finished) return;
    this.#predictTime ??= (performance.now() - this.#startedAt) / 1000;
    this.#push({ type: "canceled" });
    this.#worker.cancel(this.id);
    if (this.#capture === "tagged") return;
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

  [Symbol.asyncIterator](): AsyncIterator<PredictionEvent> {
    return this.#events[Symbol.asyncIterator]();
  }

  /** Reads the worker's events into this prediction's, and says how it ended (delivered once its logs are all out). */
  async #pump(
    events: AsyncIterable<WorkerEvent>,
    redactor: Redactor,
    output: OutputSpec,
    log: (bytes: Buffer) => void,
  ): Promise<PredictionOutcome> {
    const chunks = redactor.createTextScrubber();
    let streamed = output.iterator === true;
    // Made only when needed: an Error captures a stack trace, ~10 µs per prediction.
    let outcome: PredictionOutcome | undefined;
    try {
      for await (const event of events) {
        if (event.type === "log") log(event.bytes);
        else if (event.type === "output") {
          streamed = true;
          const value = presentOutput(event.value, redactor);
          this.#push(typeof value === "string" ? { type: "output", value: chunks.push(value) } : { type: "output", value });
        } else if (event.type === "done") {
          if (streamed) {
            const rest = chunks.end();
            if (rest !== "") this.#push({ type: "output", value: rest, continues: true });
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
    this.#predictTime ??= (performance.now() - this.#startedAt) / 1000;
    return outcome ?? { type: "failed", error: new PredictorFailure("predict", "the prediction ended without a result"), metrics: {} };
  }

  /** Queues an event for the reader; nothing after the terminal one (a cancel's, or the worker's). */
  #push(event: PredictionEvent): void {
    if (this.#finished) return;
    if (isOutcome(event)) {
      this.#finished = true;
      this.#events.push(event);
      this.#events.end();
    } else this.#events.push(event);
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
