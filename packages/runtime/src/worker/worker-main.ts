// The worker process: loads one predictor, describes it, runs setup once and predictions on request.
// Its stdout/stderr are the predictor's logs; the parent scrubs them. It never prints by itself.
import { type BasePredictor, describePredictor, type PredictorSpec, Secret, Secrets, validateInputs } from "@tsc-cog/sdk";
import { loadPredictor } from "../loader/load-predictor.js";
import { registerPredictorLoader } from "../loader/register.js";
import { encodeOutput } from "../values/encode-output.js";
import { fromWire, toWireError } from "../values/wire.js";
import { buildArguments } from "./arguments.js";
import type { LogPipe, ParentMessage, WorkerMessage } from "./protocol.js";

const send = (message: WorkerMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });

// The pipes' own write methods, taken before the predictor loads: a predictor or library that patches
// process.stdout.write cannot swallow the log boundary line.
const pipes = {
  stdout: { write: process.stdout.write.bind(process.stdout), written: false },
  stderr: { write: process.stderr.write.bind(process.stderr), written: false },
};
/** Set by the parent (setup message) when it needs to know where each prediction's logs end. */
let logMarker: string | undefined;
let logSequence = 0;

/** From setup on, notes which pipes the predictor writes to, so that only those get a boundary line. */
function watchWrites(): void {
  for (const name of ["stdout", "stderr"] as const) {
    const stream = process[name];
    const write = stream.write;
    stream.write = function (this: NodeJS.WriteStream, ...args: Parameters<typeof write>) {
      pipes[name].written = true;
      return write.apply(this, args);
    } as typeof write;
  }
}

/**
 * Writes the log boundary line (see the protocol's `setup` message) to both pipes (`always`) or to
 * those written to since the last one, and returns their names; `undefined` when the parent asked for
 * no boundaries. It does not wait for a flush: the parent waits for the line, and pipe order keeps
 * every earlier byte ahead of it.
 */
function markLogBoundary(always: boolean): LogPipe[] | undefined {
  if (logMarker === undefined) return undefined;
  const line = `${logMarker}${logSequence++}\n`;
  const marked: LogPipe[] = [];
  for (const name of ["stdout", "stderr"] as const) {
    if (!always && !pipes[name].written) continue;
    pipes[name].written = false;
    try {
      pipes[name].write(line);
      marked.push(name);
    } catch {
      // A closed pipe: the parent sees its end instead of a boundary.
    }
  }
  return marked;
}

let current: string | undefined;

/** Ends prediction `id` with its terminal message, once: the log boundary first, then the message. */
async function finish(id: string, message: Extract<WorkerMessage, { type: "done" | "failed" | "invalid" }>): Promise<void> {
  if (current !== id) return;
  current = undefined;
  const logMarkers = markLogBoundary(false);
  await send(logMarkers === undefined ? message : { ...message, logMarkers });
}

const failCurrent = (error: unknown) => {
  if (current === undefined) return false;
  void finish(current, { type: "failed", id: current, error: toWireError(error) });
  return true;
};
// The parent is gone without a shutdown (it crashed or was killed): nobody can use this worker any
// more, and a predictor's timers or sockets would otherwise keep it running as an orphan.
let stopping = false;
// Ctrl-C in a terminal reaches the whole process group; the parent decides what it means (the CLI
// cancels and kills this worker, the server finishes in-flight predictions first), so ignore it here.
process.on("SIGINT", () => {});
process.on("disconnect", () => {
  if (!stopping) process.exit(1);
});
// A rejection nobody awaited, or a throw from a timer, fails the running prediction instead of crashing.
process.on("unhandledRejection", (error) => {
  if (!failCurrent(error)) void send({ type: "setup-failed", error: toWireError(error) }).then(() => process.exit(1));
});
process.on("uncaughtException", (error) => {
  if (!failCurrent(error)) void send({ type: "setup-failed", error: toWireError(error) }).then(() => process.exit(1));
});

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
    spec: { className: spec.className, inputs: spec.inputs, output: spec.output, hasInputClass: spec.inputClass !== undefined },
  });
  let predictor: BasePredictor | undefined;
  process.on("message", async (message: ParentMessage) => {
    switch (message.type) {
      case "setup":
        logMarker = message.logMarker;
        if (logMarker !== undefined) watchWrites();
        try {
          predictor = new predictorClass();
          const secrets = new Map(Object.entries(message.secrets).map(([name, value]) => [name, new Secret(value)]));
          predictor.secrets = new Secrets(secrets);
          await predictor.setup();
          markLogBoundary(true);
          await send({ type: "setup-done" });
        } catch (error) {
          markLogBoundary(true);
          await send({ type: "setup-failed", error: toWireError(error) });
        }
        return;
      case "predict":
        if (!predictor) return;
        current = message.id;
        await runPrediction(predictor, spec, message.id, fromWire(message.inputs) as Record<string, unknown>);
        return;
      case "shutdown":
        stopping = true;
        process.disconnect?.();
        process.exitCode = 0;
        return;
    }
  });
}

async function runPrediction(predictor: BasePredictor, spec: PredictorSpec, id: string, inputs: Record<string, unknown>): Promise<void> {
  try {
    if (spec.inputClass) {
      const checked = validateInputs(spec, inputs, "drop");
      if (!checked.ok) return await finish(id, { type: "invalid", id, messages: checked.issues.map((i) => i.message) });
    }
    const method = (predictor as unknown as Record<string, (...args: unknown[]) => unknown>)[spec.method];
    const result = method.apply(predictor, buildArguments(spec, inputs));
    if (isAsyncIterable(result) || isIterable(result)) {
      let index = 0;
      for await (const item of result as AsyncIterable<unknown>) {
        if (current !== id) return;
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
