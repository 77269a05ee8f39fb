// The HTTP side of the bare baselines (server-bare.mjs, server-hop.mjs): node:http, JSON.parse of the
// body, `predict(input.name)`, and the envelope `tsc-cog serve` sends for a sync POST /predictions — a
// random `pred_…` id per request, the input, output, status, timestamps, logs, error and metrics, in
// serve's field order (~310 bytes). Prints `listening <port>` when ready; stops on SIGTERM.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";

/** Serves POST bodies `{"input":{"name":…}}` on 127.0.0.1 with `predict` (sync or async). */
export function serveEnvelopes(predict) {
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", async () => {
      try {
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
      } catch (error) {
        response.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: String(error) }));
      }
    });
  });
  server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
  return server;
}
