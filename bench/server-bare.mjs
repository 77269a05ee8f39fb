// The baseline of bench/server-throughput.mjs: a bare node:http server that calls the same predictor's
// predict() in-process (no worker, no validation, no redaction). Prints `listening <port>` when ready.
//
//   node bench/server-bare.mjs examples/hello/predict.ts
import { createServer } from "node:http";
import { resolve } from "node:path";
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
      const { input } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const output = await predictor.predict(input.name);
      const body = JSON.stringify({ status: "succeeded", output });
      response.writeHead(200, { "content-type": "application/json" }).end(body);
    } catch (error) {
      response.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: String(error) }));
    }
  });
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
