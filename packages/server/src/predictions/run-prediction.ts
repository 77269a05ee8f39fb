import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputProblem, type PredictionRun } from "@tsc-cog/runtime";
import type { InputSpec, Redactor } from "@tsc-cog/sdk/engine";
import { resolvePathInputs } from "../files/path-inputs.js";
import type { WorkerSlot } from "../workers/worker-slot.js";
import { OutputCollector } from "./output-collector.js";
import type { Prediction } from "./prediction.js";

/** What a run needs besides the prediction and its slot. */
export interface RunContext {
  readonly inputs: readonly InputSpec[];
  /** The server's redactor: every secret it knows (for the text of errors raised here). */
  readonly redactor: Redactor;
}

type Outcome =
  | { readonly status: "succeeded"; readonly output: unknown }
  | { readonly status: "failed"; readonly error: string; readonly stack?: string }
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
  const collector = new OutputCollector(slot.redactor ?? context.redactor);
  const aborter = new AbortController();
  let run: PredictionRun | undefined;
  prediction.onCancel(() => {
    aborter.abort();
    void run?.cancel(CANCEL_GRACE_MS);
  });
  let temp: string | undefined;
  let outcome: Outcome = { status: "failed", error: "the prediction ended without a result" };
  prediction.start();
  try {
    let inputs = values;
    if (context.inputs.some((input) => input.type.base === "path")) {
      temp = await mkdtemp(join(tmpdir(), "tsc-cog-serve-"));
      inputs = await resolvePathInputs(context.inputs, values, temp, aborter.signal);
    }
    if (prediction.cancelRequested) throw aborter.signal.reason;
    run = slot.run(prediction.id, inputs);
    for await (const event of run) {
      if (event.type === "log") prediction.appendLogs(event.text);
      else if (event.type === "output") {
        await collector.item(event.value, event.continues);
        prediction.setOutput(collector.items);
      } else if (event.type === "succeeded") {
        outcome = { status: "succeeded", output: event.streamed ? collector.items : await collector.present(event.value) };
      } else if (event.type === "failed") outcome = { status: "failed", error: event.error.message, stack: event.error.detail };
      else if (event.type === "invalid") {
        prediction.invalid = true;
        outcome = { status: "failed", error: event.issues.map((issue) => issue.message).join("; ") };
      } else outcome = { status: "canceled" };
    }
  } catch (error) {
    if (prediction.cancelRequested) outcome = { status: "canceled" };
    else if (error instanceof InputProblem) outcome = { status: "failed", error: error.message };
    else outcome = { status: "failed", error: context.redactor.redactText((error as Error).message ?? String(error)) };
  }
  complete(prediction, outcome, run?.predictTime ?? 0);
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
  });
}
