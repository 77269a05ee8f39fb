// The architectural floor of bench/server-throughput.mjs: fastify forwarding each request straight to
// one PredictorWorker process (no validation, store, logs or redaction). Prints `listening <port>`.
//
//   node bench/server-floor.mjs examples/hello/predict.ts
import { resolve } from "node:path";
import { PredictorWorker } from "../packages/runtime/dist/index.js";
import Fastify from "../packages/server/node_modules/fastify/fastify.js";

const worker = PredictorWorker.start({ ref: resolve(process.argv[2]), cwd: process.cwd(), env: process.env });
worker.stdout.resume();
worker.stderr.resume();
await worker.spec();
await worker.setup({});
const app = Fastify({ logger: false });
let n = 0;
app.post("/predictions", async (request) => {
  let output = null;
  for await (const event of worker.predict(String(n++), request.body.input)) if (event.type === "done") output = event.value;
  return { status: "succeeded", output };
});
await app.listen({ port: 0, host: "127.0.0.1" });
console.log(`listening ${app.server.address().port}`);
process.on("SIGTERM", () => app.close().then(() => worker.stop()));
