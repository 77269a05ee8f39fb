// The baseline of bench/server-throughput.mjs: a bare node:http server that calls the same predictor's
// predict() in-process (no worker, no validation, no redaction) and answers with the same prediction
// envelope `tsc-cog serve` sends for a sync POST /predictions: a random `pred_…` id per request, the
// input, output, status, timestamps, logs, error and metrics, in serve's field order (~310 bytes).
// Prints `listening <port>` when ready.
//
//   node bench/server-bare.mjs examples/hello/predict.ts
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { loadPredictor } from "../packages/runtime/dist/loader/load-predictor.js";
import { registerPredictorLoader } from "../packages/runtime/dist/loader/register.js";

registerPredictorLoader();
const { predictorClass: Predictor } = await loadPredictor(resolve(process.argv[2]), process.cwd());
const predictor = new Predictor();
await predictor.setup();

const server = createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", async () => {
    try {
      const createdAt = new Date().toISOString();
      const { input } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const started = performance.now();
      const startedAt = new Date().toISOString();
      const output = await predictor.predict(input.name);
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
    } catch (error) {
      response.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: String(error) }));
    }
  });
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
