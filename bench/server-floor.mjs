// The architectural floor of bench/server-throughput.mjs: fastify forwarding each request straight to
// one prediction-core session (one worker process; no validation, store or webhooks). Prints `listening <port>`.
//
//   node bench/server-floor.mjs examples/hello/predict.ts
import { resolve } from "node:path";
import { PredictorSession } from "../packages/runtime/dist/index.js";
import Fastify from "../packages/server/node_modules/fastify/fastify.js";

const session = PredictorSession.start({ ref: resolve(process.argv[2]), cwd: process.cwd(), env: process.env });
await session.load();
await session.setup();
const app = Fastify({ logger: false });
let n = 0;
app.post("/predictions", async (request) => {
  let output = null;
  for await (const event of session.predict(String(n++), request.body.input)) if (event.type === "succeeded") output = event.value;
  return { status: "succeeded", output };
});
await app.listen({ port: 0, host: "127.0.0.1" });
console.log(`listening ${app.server.address().port}`);
process.on("SIGTERM", () => app.close().then(() => session.stop()));
