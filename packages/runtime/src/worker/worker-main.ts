// The worker process: loads one predictor, describes it, runs setup once and predictions on request.
// Its stdout/stderr are the predictor's logs; the parent scrubs them. It never prints by itself.
import { type BasePredictor, Secret, Secrets } from "@tsc-cog/sdk";
import { describePredictor, PredictionScope, type PredictorSpec, runInScope, validateInputs } from "@tsc-cog/sdk/worker";
import { loadPredictor } from "../loader/load-predictor.js";
import { registerPredictorLoader } from "../loader/register.js";
import { encodeOutput } from "../values/encode-output.js";
import { fromWire, toWireError } from "../values/wire.js";
import { buildArguments } from "./arguments.js";
import { captureLogs, flushLogs, type PredictionLogs, routing } from "./captured-logs.js";
import { runHealthcheck } from "./healthcheck.js";
import type { ParentMessage, WorkerMessage } from "./protocol.js";

const post = (message: WorkerMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });

/**
 * Sends a message once everything written to stdout and stderr before it has reached the pipe: the
 * parent reads the pipe dry when a message arrives, so each log line is attributed to the step that
 * printed it and comes before the output that followed it. Boundaries are never written as text.
 */
async function send(message: WorkerMessage): Promise<void> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  await post(message);
}

/** Resolves when the stream's queued writes have been handed to the kernel (at once if none are queued). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0 || stream.destroyed || stream.writableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    try {
      stream.write("", () => resolve());
    } catch {
      resolve();
    }
  });
}

/** A prediction this worker is running. */
interface Active extends PredictionLogs {
  /** Its `currentScope()`: its context, metrics and cancel signal. */
  readonly scope: PredictionScope;
  readonly cancel: AbortController;
}

/** The predictions running now, by id: one at a time, or up to `maxConcurrency` for a `@Concurrent` predictor. */
const active = new Map<string, Active>();
/** More than one prediction may run at once: logs are captured per prediction, not read from the pipe. */
let concurrent = false;
let serving = false;

/** Ends prediction `id` with its terminal message, once. */
async function finish(id: string, message: Extract<WorkerMessage, { type: "done" | "failed" | "invalid" }>): Promise<void> {
  const entry = active.get(id);
  if (!entry) return;
  active.delete(id);
  entry.ended = true;
  flushLogs(entry, post);
  const metrics = metricsOf(entry.scope);
  await send(metrics && message.type !== "invalid" ? { ...message, metrics } : message);
}

/**
 * The recorded metrics as JSON data (NaN becomes null, as in Cog), if any were. A dict value that
 * cannot be JSON (a cycle, a bigint) must not keep the terminal message from being sent: it drops them.
 */
function metricsOf(ended: PredictionScope): Record<string, unknown> | undefined {
  try {
    const metrics = JSON.parse(JSON.stringify(ended.metrics)) as Record<string, unknown>;
    return Object.keys(metrics).length > 0 ? metrics : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An error nobody caught — a rejection nobody awaited, a throw from a timer: it fails the prediction
 * that is running, when one runs alone; with several running (nobody can say whose it is), or none
 * after setup, it is reported as a late error and the worker keeps serving (as Cog's does); during
 * load or setup it fails setup.
 */
function uncaught(error: unknown): void {
  const [only] = active.keys();
  if (only !== undefined && !concurrent) {
    void finish(only, { type: "failed", id: only, error: toWireError(error) });
  } else if (serving) {
    void send({ type: "late-error", error: toWireError(error) });
  } else {
    void send({ type: "setup-failed", error: toWireError(error) }).then(() => process.exit(1));
  }
}

// The parent is gone without a shutdown (it crashed or was killed): nobody can use this worker any
// more, and a predictor's timers or sockets would otherwise keep it running as an orphan.
let stopping = false;
// Ctrl-C in a terminal reaches the whole process group; the parent decides what it means (the CLI
// cancels and kills this worker, the server finishes in-flight predictions first), so ignore it here.
process.on("SIGINT", () => {});
process.on("disconnect", () => {
  if (!stopping) process.exit(1);
});
process.on("unhandledRejection", uncaught);
process.on("uncaughtException", uncaught);

/** Waits for the `load` message of a worker forked without a predictor, and applies its folder and environment. */
function loadRequest(): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (message: ParentMessage) => {
      if (message.type !== "load") return;
      process.off("message", onMessage);
      process.chdir(message.cwd);
      for (const key of message.unset) delete process.env[key];
      Object.assign(process.env, message.env);
      resolve(message.ref);
    };
    process.on("message", onMessage);
  });
}

async function main(): Promise<void> {
  registerPredictorLoader();
  const ref = process.argv[2] ?? (await loadRequest());
  let predictorClass: new () => BasePredictor;
  let spec: PredictorSpec;
  try {
    predictorClass = (await loadPredictor(ref, process.cwd())).predictorClass as new () => BasePredictor;
    spec = describePredictor(predictorClass);
  } catch (error) {
    await send({ type: "load-failed", error: toWireError(error) });
    process.exit(1);
  }
  await send({
    type: "spec",
    spec: {
      className: spec.className,
      inputs: spec.inputs,
      output: spec.output,
      hasInputClass: spec.inputClass !== undefined,
      maxConcurrency: spec.maxConcurrency,
      isAsync: spec.isAsync,
    },
  });
  let predictor: BasePredictor | undefined;
  process.on("message", async (message: ParentMessage) => {
    switch (message.type) {
      case "setup":
        try {
          predictor = new predictorClass();
          const secrets = new Map(Object.entries(message.secrets).map(([name, value]) => [name, new Secret(value)]));
          predictor.secrets = new Secrets(secrets);
          await predictor.setup();
          serving = true;
          concurrent = message.maxConcurrency > 1;
          if (concurrent) captureLogs(post);
          await send({ type: "setup-done" });
        } catch (error) {
          await send({ type: "setup-failed", error: toWireError(error) });
        }
        return;
      case "predict": {
        if (!predictor || active.has(message.id)) return;
        const cancel = new AbortController();
        const entry: Active = {
          id: message.id,
          scope: new PredictionScope(message.context, cancel.signal),
          cancel,
          logs: [],
          flushScheduled: false,
          ended: false,
        };
        active.set(message.id, entry);
        const inputs = fromWire(message.inputs) as Record<string, unknown>;
        await routing.run(entry, () => runInScope(entry.scope, () => runPrediction(predictor as BasePredictor, spec, entry, inputs)));
        return;
      }
      case "cancel":
        active.get(message.id)?.cancel.abort(new Error("the prediction was canceled"));
        return;
      case "healthcheck": {
        const error = await runHealthcheck(serving ? predictor : undefined);
        await post({ type: "healthcheck-result", id: message.id, ...(error !== undefined ? { error } : {}) });
        return;
      }
      case "shutdown":
        stopping = true;
        process.disconnect?.();
        process.exitCode = 0;
        return;
    }
  });
}

async function runPrediction(predictor: BasePredictor, spec: PredictorSpec, entry: Active, inputs: Record<string, unknown>): Promise<void> {
  const { id } = entry;
  try {
    if (spec.inputClass) {
      const checked = validateInputs(spec, inputs, "drop");
      if (!checked.ok) return await finish(id, { type: "invalid", id, issues: checked.issues });
    }
    const method = (predictor as unknown as Record<string, (...args: unknown[]) => unknown>)[spec.method];
    const result = method.apply(predictor, buildArguments(spec, inputs));
    if (isAsyncIterable(result) || isIterable(result)) {
      let index = 0;
      // A canceled (or ended) prediction's generator is stopped at its next item (`return()` runs its `finally`).
      for await (const item of result as AsyncIterable<unknown>) {
        if (entry.ended || entry.cancel.signal.aborted) break;
        flushLogs(entry, post);
        await send({ type: "output", id, value: encodeOutput(item, `output[${index++}]`) });
      }
      await finish(id, { type: "done", id });
    } else {
      const value = encodeOutput(await result);
      await finish(id, { type: "done", id, value });
    }
  } catch (error) {
    await finish(id, { type: "failed", id, error: toWireError(error) });
  }
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<unknown> =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as Record<symbol, unknown>)[Symbol.asyncIterator] === "function" &&
  !(v instanceof Promise);
// Only generator objects stream; a returned array, Set or Map is one output value.
const isIterable = (v: unknown): v is Iterable<unknown> => Object.prototype.toString.call(v) === "[object Generator]";

void main();
