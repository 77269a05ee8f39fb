// `tsc-cog serve` throughput and latency vs a bare node:http server calling the same predict()
// in-process (DESIGN §9, target ≥ 0.5× its requests/s), side by side in one run.
//
//   node_modules/.bin/tsc -b && node bench/server-throughput.mjs [--seconds 5] [--reps 3] [--connections 1,2]
//
// Both servers run examples/hello (`predict(name) → "hello " + name`) as subprocesses on 127.0.0.1;
// for c = 1 a third, context-only server runs too: the "floor", fastify forwarding each request straight
// to one worker process with nothing else (bench/server-floor.mjs) — the cost of the process hop alone;
// autocannon (its API, in this process) POSTs {"input":{"name":"bench"}} to /predictions with c
// connections, and `tsc-cog serve` gets --concurrency c (one worker per connection: more connections
// than slots would only measure 409s). Each repetition runs both servers, alternating which goes
// first; we report medians of requests/s and of p50/p99 latency (autocannon's, in whole ms, and a
// precise probe in µs for c = 1). Bounded: every run has a duration, every wait and request a timeout,
// and every server is killed at the end.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { Agent, request as httpRequest } from "node:http";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    reps: { type: "string", default: "3" },
    connections: { type: "string", default: "1,2" },
  },
});
const SECONDS = Number(args.seconds);
const REPS = Number(args.reps);
const CONNECTIONS = args.connections.split(",").map(Number);
const ROOT = resolve(import.meta.dirname, "..");
const HELLO = resolve(ROOT, "examples/hello");
const BODY = JSON.stringify({ input: { name: "bench" } });

/** Starts a server subprocess and resolves its base URL once `pattern` shows on its output. */
async function startProcess(command, argv, cwd, pattern) {
  const child = spawn(command, argv, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let text = "";
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`${argv.join(" ")} did not start within 30 s:\n${text}`)), 30_000);
    const onData = (chunk) => {
      text += chunk;
      const match = pattern.exec(text);
      if (match) {
        clearTimeout(timer);
        resolveUrl(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${argv.join(" ")} exited with ${code}:\n${text}`)));
  });
  return { child, url };
}

async function startServe(concurrency) {
  const server = await startProcess(
    process.execPath,
    [resolve(ROOT, "packages/cli/bin/tsc-cog.js"), "serve", "--port", "0", "--concurrency", String(concurrency)],
    HELLO,
    /http:\/\/127\.0\.0\.1:(\d+)/,
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const health = await (await fetch(`${server.url}/health-check`)).json();
    if (health.status === "READY") return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("tsc-cog serve did not become READY within 60 s");
}

const startBare = () => startProcess(process.execPath, [resolve(ROOT, "bench/server-bare.mjs"), "predict.ts"], HELLO, /listening (\d+)/);
const startFloor = () => startProcess(process.execPath, [resolve(ROOT, "bench/server-floor.mjs"), "predict.ts"], HELLO, /listening (\d+)/);

async function load(url, connections, seconds) {
  const result = await autocannon({
    url: `${url}/predictions`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: BODY,
    connections,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * Precise latency: `count` sequential requests over one keep-alive connection, each timed with hrtime
 * (autocannon's percentiles are whole milliseconds). Returns p50 and p99 in µs.
 */
async function probe(url, count) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(url);
  const once = () =>
    new Promise((resolveTime, reject) => {
      const started = process.hrtime.bigint();
      const request = httpRequest(
        { hostname, port, path: "/predictions", method: "POST", agent, headers: { "content-type": "application/json" }, timeout: 10_000 },
        (response) => {
          response.resume();
          response.on("end", () =>
            response.statusCode === 200
              ? resolveTime(Number(process.hrtime.bigint() - started) / 1000)
              : reject(new Error(`HTTP ${response.statusCode}`)),
          );
        },
      );
      request.on("timeout", () => request.destroy(new Error("probe timed out")));
      request.on("error", reject);
      request.end(BODY);
    });
  const times = [];
  for (let i = 0; i < count; i++) times.push(await once());
  agent.destroy();
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(count * 0.5)], p99: times[Math.floor(count * 0.99)] };
}

async function stop(server) {
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
  await once(server.child, "exit").catch(() => {});
  clearTimeout(timer);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const summary = (list) => ({
  rps: median(list.map((r) => r.rps)),
  p50: median(list.map((r) => r.p50)),
  p99: median(list.map((r) => r.p99)),
});
const PROBE = 2000;
const loadBefore = loadavg()[0];
const rows = [];
for (const connections of CONNECTIONS) {
  const servers = {
    serve: await startServe(connections),
    floor: connections === 1 ? await startFloor() : undefined,
    bare: await startBare(),
  };
  const names = Object.keys(servers).filter((name) => servers[name]);
  try {
    for (const name of names) await load(servers[name].url, connections, 1);
    const runs = Object.fromEntries(names.map((name) => [name, []]));
    const probes = Object.fromEntries(names.map((name) => [name, []]));
    for (let rep = 0; rep < REPS; rep++) {
      const order = rep % 2 === 0 ? names : [...names].reverse();
      for (const name of order) runs[name].push(await load(servers[name].url, connections, SECONDS));
      if (connections === 1) for (const name of order) probes[name].push(await probe(servers[name].url, PROBE));
    }
    const row = { connections };
    for (const name of names) {
      row[name] = summary(runs[name]);
      if (connections === 1) row[name].probe = { p50: median(probes[name].map((p) => p.p50)), p99: median(probes[name].map((p) => p.p99)) };
    }
    row.ratio = row.serve.rps / row.bare.rps;
    row.floorRatio = row.floor ? row.floor.rps / row.bare.rps : undefined;
    rows.push(row);
  } finally {
    for (const name of names) await stop(servers[name]);
  }
}

const us = (value) => `${Math.round(value)}`;
const cell = (r) => {
  if (!r) return "– | – | –";
  const precise = r.probe ? `${us(r.probe.p50)} / ${us(r.probe.p99)}` : "–";
  return `${r.rps.toFixed(0)} | ${precise} | ${r.p50} / ${r.p99}`;
};
console.log(
  `node ${process.version}, ${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} (start → end)`,
);
console.log(`${SECONDS} s × ${REPS} autocannon runs each (alternating order), medians; examples/hello over loopback`);
console.log(
  `latency µs: ${PROBE} sequential requests on one keep-alive connection per rep, hrtime (c = 1 only); ms: autocannon's whole-ms histogram\n`,
);
console.log(
  "| c = --concurrency | serve req/s | serve p50 / p99 µs | serve p50 / p99 ms | floor req/s | floor p50 / p99 µs | floor p50 / p99 ms | bare req/s | bare p50 / p99 µs | bare p50 / p99 ms | serve / bare | floor / bare |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const row of rows) {
  const floorRatio = row.floorRatio === undefined ? "–" : `${row.floorRatio.toFixed(2)}×`;
  console.log(
    `| ${row.connections} | ${cell(row.serve)} | ${cell(row.floor)} | ${cell(row.bare)} | ${row.ratio.toFixed(2)}× | ${floorRatio} |`,
  );
}
