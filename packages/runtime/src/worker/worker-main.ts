// The worker process: loads one predictor, describes it, runs setup once and predictions on request.
// Its stdout/stderr are the predictor's logs; the parent scrubs them. It never prints by itself.
import { type BasePredictor, describePredictor, type PredictorSpec, Secret, Secrets, validateInputs } from "@tsc-cog/sdk";
import { loadPredictor } from "../loader/load-predictor.js";
import { registerPredictorLoader } from "../loader/register.js";
import { encodeOutput } from "../values/encode-output.js";
import { fromWire, toWireError } from "../values/wire.js";
import { buildArguments } from "./arguments.js";
import type { ParentMessage, WorkerMessage } from "./protocol.js";

const send = (message: WorkerMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });

let current: string | undefined;
const failCurrent = (error: unknown) => {
  if (current === undefined) return false;
  const id = current;
  current = undefined;
  void send({ type: "failed", id, error: toWireError(error) });
  return true;
};
// A rejection nobody awaited, or a throw from a timer, fails the running prediction instead of crashing.
process.on("unhandledRejection", (error) => {
  if (!failCurrent(error)) void send({ type: "setup-failed", error: toWireError(error) }).then(() => process.exit(1));
});
process.on("uncaughtException", (error) => {
  if (!failCurrent(error)) void send({ type: "setup-failed", error: toWireError(error) }).then(() => process.exit(1));
});

async function main(): Promise<void> {
  registerPredictorLoader();
  const ref = process.argv[2];
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
        try {
          predictor = new predictorClass();
          const secrets = new Map(Object.entries(message.secrets).map(([name, value]) => [name, new Secret(value)]));
          predictor.secrets = new Secrets(secrets);
          await predictor.setup();
          await send({ type: "setup-done" });
        } catch (error) {
          await send({ type: "setup-failed", error: toWireError(error) });
        }
        return;
      case "predict":
        if (!predictor) return;
        current = message.id;
        await runPrediction(predictor, spec, message.id, fromWire(message.inputs) as Record<string, unknown>);
        return;
      case "shutdown":
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
      if (!checked.ok) {
        current = undefined;
        await send({ type: "invalid", id, messages: checked.issues.map((i) => i.message) });
        return;
      }
    }
    const method = (predictor as unknown as Record<string, (...args: unknown[]) => unknown>)[spec.method];
    const result = method.apply(predictor, buildArguments(spec, inputs));
    if (isAsyncIterable(result) || isIterable(result)) {
      for await (const item of result as AsyncIterable<unknown>) {
        if (current !== id) return;
        await send({ type: "output", id, value: encodeOutput(item) });
      }
      if (current === id) await send({ type: "done", id });
    } else {
      const value = encodeOutput(await result);
      if (current === id) await send({ type: "done", id, value });
    }
    if (current === id) current = undefined;
  } catch (error) {
    if (current === id) {
      current = undefined;
      await send({ type: "failed", id, error: toWireError(error) });
    }
  }
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<unknown> =>
  typeof v === "object" && v !== null && typeof (v as Record<symbol, unknown>)[Symbol.asyncIterator] === "function" && !(v instanceof Promise);
// Only generator objects stream; a returned array, Set or Map is one output value.
const isIterable = (v: unknown): v is Iterable<unknown> => Object.prototype.toString.call(v) === "[object Generator]";

void main();
