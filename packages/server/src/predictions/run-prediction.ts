import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { type PredictionEvent, toWire, type WireError, WorkerExitedError } from "@tsc-cog/runtime";
import type { InputSpec, OutputSpec, Redactor } from "@tsc-cog/sdk";
import { resolvePathInputs } from "../files/path-inputs.js";
import { within } from "../util/within.js";
import type { WorkerSlot } from "../workers/worker-slot.js";
import { OutputCollector } from "./output-collector.js";
import type { Prediction } from "./prediction.js";

/** What a run needs besides the prediction and its slot. */
export interface RunContext {
  readonly inputs: readonly InputSpec[];
  readonly output: OutputSpec;
  /** The redactor for this prediction: its secrets are registered. */
  readonly redactor: Redactor;
}

type Outcome =
  | { readonly status: "succeeded"; readonly output: unknown }
  | { readonly status: "failed"; readonly error: string; readonly stack?: string }
  | { readonly status: "canceled" };

/** How long a canceled prediction's worker may take to finish it before it is killed and replaced. */
const CANCEL_GRACE_MS = 2000;
const CANCELED = Symbol("canceled");

/**
 * Runs an accepted prediction on the slot it holds, start to finish: Path inputs fetched into a
 * temporary folder, inputs sent to the worker, outputs and logs recorded as they come, then the
 * prediction completed — failed with a clear error if the predictor throws or its worker dies (the
 * slot replaces it). A cancel request completes it as canceled at once; its worker gets
 * {@link CANCEL_GRACE_MS} to finish (the result is dropped), else it is killed and replaced. The
 * slot is released at the end. Never throws.
 */
export async function runPrediction(
  prediction: Prediction,
  slot: WorkerSlot,
  values: Readonly<Record<string, unknown>>,
  context: RunContext,
): Promise<void> {
  const { redactor } = context;
  const collector = new OutputCollector(context.output, redactor);
  const canceled = new Promise<typeof CANCELED>((resolve) => prediction.onCancel(() => resolve(CANCELED)));
  let temp: string | undefined;
  let run: ReturnType<WorkerSlot["run"]> | undefined;
  /** The step asked of the worker's events and not consumed yet (when a cancel interrupted the wait). */
  let pending: Promise<IteratorResult<PredictionEvent>> | undefined;
  let started = performance.now();
  let outcome: Outcome = { status: "failed", error: "the prediction ended without a result" };
  prediction.start();
  try {
    let inputs = values;
    if (context.inputs.some((input) => input.type.base === "path")) {
      temp = await mkdtemp(join(tmpdir(), "tsc-cog-serve-"));
      inputs = await resolvePathInputs(context.inputs, values, temp);
    }
    if (prediction.cancelRequested) throw CANCELED;
    started = performance.now();
    run = slot.run(prediction.id, toWire(inputs) as Record<string, unknown>, redactor, (text) => prediction.appendLogs(text));
    for (;;) {
      pending = run.events.next();
      const step = await Promise.race([pending, canceled]);
      if (step === CANCELED) throw CANCELED;
      pending = undefined;
      if (step.done) break;
      const event: PredictionEvent = step.value;
      if (event.type !== "output") run.ended(event.logMarkers);
      if (event.type === "output") {
        await collector.item(event.value);
        prediction.setOutput(collector.current);
      } else if (event.type === "done") outcome = { status: "succeeded", output: await collector.finish(event.value) };
      else if (event.type === "failed") outcome = failure(event.error);
      else {
        prediction.invalid = true;
        outcome = { status: "failed", error: event.messages.join("; ") };
      }
    }
  } catch (error) {
    if (error === CANCELED || prediction.cancelRequested) outcome = { status: "canceled" };
    else if (error instanceof WorkerExitedError) outcome = { status: "failed", error: error.message };
    else outcome = { status: "failed", error: (error as Error).message ?? String(error) };
  }
  const predictTime = (performance.now() - started) / 1000;
  if (outcome.status !== "canceled" && run) await run.logsDone();
  complete(prediction, outcome, predictTime, redactor);
  if (outcome.status === "canceled" && run) {
    const rest = drain(run, pending);
    if (!(await within(rest, CANCEL_GRACE_MS))) slot.cancel();
    await rest;
    await run.logsDone();
  }
  slot.release();
  if (temp) await rm(temp, { recursive: true, force: true }).catch(() => {});
}

function complete(prediction: Prediction, outcome: Outcome, predictTime: number, redactor: Redactor): void {
  if (outcome.status === "failed" && outcome.stack) {
    const { logs } = prediction;
    prediction.appendLogs(`${logs === "" || logs.endsWith("\n") ? "" : "\n"}${redactor.redactText(outcome.stack)}\n`);
  }
  prediction.complete(outcome.status, {
    ...(outcome.status === "succeeded" ? { output: outcome.output } : {}),
    ...(outcome.status === "failed" ? { error: redactor.redactText(outcome.error) } : {}),
    predictTime,
  });
}

/**
 * Consumes the rest of a canceled prediction's events (starting with the step already asked for),
 * ending its logs at the terminal one; resolves when the worker ended it (or died).
 */
async function drain(run: ReturnType<WorkerSlot["run"]>, pending: Promise<IteratorResult<PredictionEvent>> | undefined): Promise<void> {
  try {
    for (let step = await (pending ?? run.events.next()); !step.done; step = await run.events.next()) {
      // Outputs are dropped: the client was told the prediction was canceled.
      if (step.value.type !== "output") run.ended(step.value.logMarkers);
    }
  } catch {
    // The worker died (or was killed for taking too long): the slot replaces it on release.
  }
}

function failure(error: WireError): Outcome {
  const causes = (error.causes ?? []).map((cause) => `\ncaused by: ${cause}`).join("");
  return { status: "failed", error: error.message, stack: `${error.stack ?? `${error.name}: ${error.message}`}${causes}` };
}
