import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputProblem, type PredictionRun } from "@tsc-cog/runtime";
import type { InputSpec, Redactor } from "@tsc-cog/sdk/engine";
import { resolvePathInputs } from "../files/path-inputs.js";
import type { WorkerSlot } from "../workers/worker-slot.js";
import { OutputCollector } from "./output-collector.js";
import type { Prediction } from "./prediction.js";
import { completedSnapshot, type StreamEventName } from "./prediction-stream.js";

/** What a run needs besides the prediction and its slot. */
export interface RunContext {
  readonly inputs: readonly InputSpec[];
  /** The server's redactor: every secret it knows (for the text of errors raised here). */
  readonly redactor: Redactor;
  /** `--upload-url`: returned files are uploaded there (else they are data URLs). */
  readonly uploadUrl?: string;
  /** Hears each event as SSE wants it (`data` is redacted already, see {@link completedSnapshot}). */
  readonly stream?: (event: StreamEventName, data: unknown) => void;
  /** The request's `context` for `currentScope().context` (secrets: registered by the session before the worker sees them). */
  readonly requestContext?: Readonly<Record<string, string>>;
}

type Outcome =
  | { readonly status: "succeeded"; readonly output: unknown; readonly metrics?: Readonly<Record<string, unknown>> }
  | { readonly status: "failed"; readonly error: string; readonly stack?: string; readonly metrics?: Readonly<Record<string, unknown>> }
  | { readonly status: "canceled" };

/** How long a canceled prediction's worker may take to finish it before it is killed and replaced. */
const CANCEL_GRACE_MS = 2000;

/**
 * Runs an accepted prediction on the slot it holds, start to finish, as the prediction core reports
 * it: Path inputs fetched into a temporary folder, then logs, outputs and the outcome recorded on the
 * prediction as they come (all redacted by the core). A cancel request completes it as canceled at
 * once; its worker gets {@link CANCEL_GRACE_MS} to finish (the result is dropped), else it is killed
 * and replaced. The slot is released at the end. Never throws.
 */
export async function runPrediction(
  prediction: Prediction,
  slot: WorkerSlot,
  values: Readonly<Record<string, unknown>>,
  context: RunContext,
): Promise<void> {
  const aborter = new AbortController();
  const upload = context.uploadUrl === undefined ? undefined : { url: context.uploadUrl, signal: aborter.signal };
  const collector = new OutputCollector(slot.redactor ?? context.redactor, upload);
  let run: PredictionRun | undefined;
  prediction.onCancel(() => {
    aborter.abort();
    void run?.cancel(CANCEL_GRACE_MS);
  });
  let temp: string | undefined;
  let outcome: Outcome = { status: "failed", error: "the prediction ended without a result" };
  const { stream } = context;
  prediction.start();
  stream?.("start", { id: prediction.id, status: "processing" });
  try {
    let inputs = values;
    if (context.inputs.some((input) => input.type.base === "path")) {
      temp = await mkdtemp(join(tmpdir(), "tsc-cog-serve-"));
      inputs = await resolvePathInputs(context.inputs, values, temp, aborter.signal);
    }
    if (prediction.cancelRequested) throw aborter.signal.reason;
    run = slot.run(prediction.id, inputs, context.requestContext);
    for await (const event of run) {
      if (event.type === "log") {
        prediction.appendLogs(event.text);
        stream?.("log", { data: event.text, source: "stdout" });
      } else if (event.type === "output") {
        const count = collector.items.length;
        await collector.item(event.value, event.continues);
        prediction.setOutput(collector.items);
        // A held-back tail that was appended to the last item repeats that item's index.
        const appended = collector.items.length === count;
        stream?.("output", { chunk: appended ? event.value : collector.items.at(-1), index: collector.items.length - 1 });
      } else if (event.type === "succeeded") {
        const output = event.streamed ? collector.items : await collector.present(event.value);
        outcome = { status: "succeeded", output, metrics: event.metrics };
      } else if (event.type === "failed")
        outcome = { status: "failed", error: event.error.message, stack: event.error.detail, metrics: event.metrics };
      else if (event.type === "invalid") {
        prediction.invalid = true;
        outcome = { status: "failed", error: event.issues.map((issue) => issue.message).join("; ") };
      } else outcome = { status: "canceled" };
    }
  } catch (error) {
    if (prediction.cancelRequested) outcome = { status: "canceled" };
    else if (error instanceof InputProblem) outcome = { status: "failed", error: error.message };
    else outcome = { status: "failed", error: context.redactor.redactText((error as Error).message ?? String(error)) };
    // An output that could not be presented (a file not readable, an upload that failed) ends a
    // predictor that may still be streaming.
    if (outcome.status === "failed") void run?.cancel(CANCEL_GRACE_MS);
  }
  complete(prediction, outcome, run?.predictTime ?? 0);
  stream?.("completed", completedSnapshot(prediction.snapshot()));
  if (run) await run.settled;
  slot.release();
  if (temp) await rm(temp, { recursive: true, force: true }).catch(() => {});
}

function complete(prediction: Prediction, outcome: Outcome, predictTime: number): void {
  if (outcome.status === "failed" && outcome.stack) {
    const { logs } = prediction;
    prediction.appendLogs(`${logs === "" || logs.endsWith("\n") ? "" : "\n"}${outcome.stack}\n`);
  }
  prediction.complete(outcome.status, {
    ...(outcome.status === "succeeded" ? { output: outcome.output } : {}),
    ...(outcome.status === "failed" ? { error: outcome.error } : {}),
    predictTime,
    ...(outcome.status !== "canceled" && outcome.metrics ? { metrics: outcome.metrics } : {}),
  });
}
