// The physical floor of any server that runs the predictor in another process: bench/server-bare.mjs with
// its predict() moved into N forked children, reached with Node's own IPC (`process.send`, JSON) and
// nothing else — no framework, no prediction core, no output pipe, no redaction, no validation. A request
// goes to an idle child (or waits for one). Prints `listening <port>`.
//
//   node bench/server-hop.mjs examples/hello/predict.ts [children]
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";

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
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", async () => {
      const createdAt = new Date().toISOString();
      const { input } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const started = performance.now();
      const startedAt = new Date().toISOString();
      const output = await predict(input.name);
      const body = JSON.stringify({
        id: `pred_${randomUUID().replaceAll("-", "")}`,
        status: "succeeded",
        input,
        output,
        error: null,
        logs: "",
        created_at: createdAt,
        started_at: startedAt,
        completed_at: new Date().toISOString(),
        metrics: { predict_time: (performance.now() - started) / 1000 },
      });
      response.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(body);
    });
  });
  server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}
