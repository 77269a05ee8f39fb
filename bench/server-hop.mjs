// The physical floor of any server that runs the predictor in another process: bench/server-bare.mjs (the
// same HTTP side and envelope: support/envelope-server.mjs) with its predict() moved into N forked children,
// reached with Node's own IPC (`process.send`, JSON) and nothing else — no framework, no prediction core, no
// output pipe, no redaction, no validation. A request goes to an idle child (or waits for one). Prints
// `listening <port>`.
//
//   node bench/server-hop.mjs examples/hello/predict.ts [children]
import { fork } from "node:child_process";
import { resolve } from "node:path";
import { serveEnvelopes } from "./support/envelope-server.mjs";

if (process.argv[2] === "--child") {
  const { registerPredictorLoader } = await import("../packages/runtime/dist/loader/register.js");
  const { loadPredictor } = await import("../packages/runtime/dist/loader/load-predictor.js");
  registerPredictorLoader();
  const { predictorClass: Predictor } = await loadPredictor(resolve(process.argv[3]), process.cwd());
  const predictor = new Predictor();
  await predictor.setup();
  process.on("message", async ({ id, name }) => process.send({ id, output: await predictor.predict(name) }));
  process.send({ ready: true });
} else {
  const count = Number(process.argv[3] ?? 1);
  const idle = [];
  const waiting = [];
  const pending = new Map();
  let next = 0;
  await Promise.all(
    Array.from({ length: count }, () => {
      const child = fork(import.meta.filename, ["--child", process.argv[2]], { serialization: "json" });
      child.on("message", (message) => {
        if (message.ready) return;
        const done = pending.get(message.id);
        pending.delete(message.id);
        done(message.output);
        const queued = waiting.shift();
        if (queued) queued(child);
        else idle.push(child);
      });
      return new Promise((ready) => child.once("message", () => ready(idle.push(child))));
    }),
  );
  const predict = async (name) => {
    const child = idle.pop() ?? (await new Promise((take) => waiting.push(take)));
    const id = next++;
    return new Promise((done) => {
      pending.set(id, done);
      child.send({ id, name });
    });
  };
  serveEnvelopes(predict);
}
