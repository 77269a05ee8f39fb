// Issue 12: an I/O-bound async predictor (awaits 50 ms, returns a short string) at 16 connections, three
// servers side by side in one run:
//
//   node_modules/.bin/tsc -b && node bench/concurrent.mjs [--seconds 10] [--reps 3] [--connections 16] [--json]
//
// - concurrent: `tsc-cog serve predict.ts:Concurrent16 --port 0` — ONE worker process whose predict() carries
//   `@Concurrent({ max: 16 })`, so up to 16 predictions share its event loop;
// - processes:  `tsc-cog serve predict.ts:OneAtATime --port 0 --concurrency 16` — the same predict() without the
//   decorator, in 16 worker processes, one prediction each at a time (Cog's pre-0.14 way to scale);
// - bare:       a plain `node:http` server in one process awaiting the same 50 ms per request — what the
//   timer and the loopback allow, next to the idealised floor of connections × 1000 / 50 req/s.
//
// Real Cog's figure is not measured: it needs Docker or PyPI, which this machine has neither of.
//
// All three use bench/fixtures/io-bound/ (which resolves @tsc-cog/sdk through the repo's node_modules).
// autocannon (its API, in this process) POSTs {"input":{"name":"bench"}} to /predictions with c connections;
// every response body must say "status":"succeeded" and only those count in req/s (a 409 is a refusal:
// capacity exceeded; counted and reported, never hidden). Latency percentiles are autocannon's (whole ms,
// 2xx responses only). While each run lasts we sample the RSS of the whole process tree of the server
// (the server and every worker, found through /proc/<pid>/task/*/children, VmRSS summed) every 250 ms and
// keep the max and the mean. Each repetition runs all servers, rotating the order; we report medians.
// Bounded: every run has a duration, every request and wait a timeout, the whole script a watchdog, and
// every server (and its workers) is killed at the end, also on error or signal.
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { processMemory, ServerProcesses, treePids } from "./support/servers.mjs";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    reps: { type: "string", default: "3" },
    connections: { type: "string", default: "16" },
    warmup: { type: "string", default: "2" },
    json: { type: "boolean", default: false },
  },
});
const SECONDS = Number(args.seconds);
const REPS = Number(args.reps);
const CONNECTIONS = Number(args.connections);
const WARMUP = Number(args.warmup);
const ROOT = resolve(import.meta.dirname, "..");
const FIXTURE = resolve(ROOT, "bench/fixtures/io-bound");
const CLI = resolve(ROOT, "packages/cli/bin/tsc-cog.js");
const BODY = JSON.stringify({ input: { name: "bench" } });
const WAIT_MS = 50;
const FLOOR = CONNECTIONS * (1000 / WAIT_MS);
const SAMPLE_MS = 250;
for (const [name, value] of Object.entries({ SECONDS, REPS, CONNECTIONS, WARMUP })) {
  if (!Number.isFinite(value) || value < 0 || (name !== "WARMUP" && value < 1)) throw new Error(`bad --${name.toLowerCase()}: ${value}`);
}
const log = (line) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);

// The decorator must govern (a): an inherited COG_MAX_CONCURRENCY would override it.
const childEnv = { ...process.env, NO_COLOR: "1" };
const processes = new ServerProcesses();
const SERVE_PORT = /http:\/\/127\.0\.0\.1:(\d+)/;
const sum = (values) => values.reduce((a, b) => a + b, 0);
delete childEnv.COG_MAX_CONCURRENCY;

/** The bare server: node:http, one process, awaits the same 50 ms, answers a Cog-shaped body. */
const BARE_SOURCE = `
const http = require("node:http");
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    const { input } = JSON.parse(Buffer.concat(chunks).toString());
    await new Promise((r) => setTimeout(r, ${WAIT_MS}));
    const body = JSON.stringify({ status: "succeeded", output: "hello " + input.name });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => console.log("listening " + server.address().port));
`;

/**
 * Sums VmRSS (kB → MiB) over the tree, and PSS (smaps_rollup: shared pages divided among the processes
 * sharing them, so 16 workers' common node binary is not counted 16 times); also how many processes.
 */
function treeRss(root) {
  const memory = treePids(root).map(processMemory);
  return { mib: sum(memory.map((m) => m.rss)), pssMib: sum(memory.map((m) => m.pss ?? 0)), processes: memory.length };
}

async function startServe(name, ref, extra) {
  const started = Date.now();
  const server = await processes.start(name, [CLI, "serve", ref, "--port", "0", ...extra], {
    cwd: FIXTURE,
    env: childEnv,
    pattern: SERVE_PORT,
  });
  await processes.ready(server);
  server.readyMs = Date.now() - started;
  return server;
}

async function startBare() {
  const started = Date.now();
  const server = await processes.start("bare", ["-e", BARE_SOURCE], { cwd: FIXTURE, env: childEnv, pattern: /listening (\d+)/ });
  server.readyMs = Date.now() - started;
  return server;
}

/** One request, checked: HTTP 200, "succeeded", the expected output. */
async function check(server) {
  const response = await fetch(`${server.url}/predictions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: BODY,
    signal: AbortSignal.timeout(10_000),
  });
  const json = await response.json();
  if (response.status !== 200 || json.status !== "succeeded" || json.output !== "hello bench") {
    throw new Error(`${server.name}: HTTP ${response.status} ${JSON.stringify(json)}`);
  }
}

/**
 * `connections` requests at once, timed: with 50 ms each they should overlap (≈ 50 ms in all), where
 * one-at-a-time would take connections × 50 ms. A sanity check that the server really runs them together.
 */
async function burst(server, connections) {
  const started = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: connections }, async () => {
      const response = await fetch(`${server.url}/predictions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: BODY,
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      return response.status;
    }),
  );
  return { ms: performance.now() - started, ok: statuses.filter((s) => s === 200).length, statuses };
}

const succeeded = (body) => body.includes('"status":"succeeded"');

async function load(server, seconds) {
  const samples = [];
  const sample = () => samples.push(treeRss(server.child.pid));
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  let result;
  try {
    result = await autocannon({
      url: `${server.url}/predictions`,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: BODY,
      connections: CONNECTIONS,
      duration: seconds,
      timeout: 10,
      verifyBody: succeeded,
    });
  } finally {
    clearInterval(timer);
  }
  sample();
  const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]));
  // Only succeeded predictions count: a server answering 409 (capacity exceeded) is fast but useless.
  const ok = (codes[200] ?? 0) - Math.max(0, result.mismatches - result.non2xx);
  return {
    rps: ok / result.duration,
    responsesPerSecond: result.requests.average,
    total: result.requests.total,
    ok,
    non2xx: result.non2xx,
    conflicts: codes[409] ?? 0,
    notSucceeded: result.mismatches,
    errors: result.errors,
    timeouts: result.timeouts,
    codes,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    rssMax: Math.max(...samples.map((s) => s.mib)),
    rssMean: samples.reduce((sum, s) => sum + s.mib, 0) / samples.length,
    pssMax: Math.max(...samples.map((s) => s.pssMib)),
    processes: Math.max(...samples.map((s) => s.processes)),
  };
}

const budgetMs = (3 * (REPS * SECONDS + WARMUP) + 300) * 1000;
setTimeout(() => {
  console.error(`bench/concurrent.mjs: watchdog — not done after ${budgetMs / 1000} s; killing the servers`);
  processes.killAll();
  process.exit(1);
}, budgetMs).unref();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const loadBefore = loadavg();
const servers = [];
const runs = {};
const info = {};
try {
  servers.push(await startServe("concurrent", "predict.ts:Concurrent16", []));
  servers.push(await startServe("processes", "predict.ts:OneAtATime", ["--concurrency", String(CONNECTIONS)]));
  servers.push(await startBare());
  for (const server of servers) {
    await check(server);
    const idle = treeRss(server.child.pid);
    const first = await burst(server, CONNECTIONS);
    info[server.name] = { readyMs: server.readyMs, idleRss: idle.mib, idlePss: idle.pssMib, idleProcesses: idle.processes, burst: first };
    log(
      `${server.name}: READY in ${server.readyMs} ms, ${idle.processes} process(es), idle RSS ${idle.mib.toFixed(0)} MiB; ` +
        `${CONNECTIONS} requests at once: ${first.ok} × 200 in ${first.ms.toFixed(0)} ms (statuses ${[...new Set(first.statuses)].join(",")})`,
    );
    if (WARMUP > 0) await load(server, WARMUP);
    runs[server.name] = [];
  }
  for (let rep = 0; rep < REPS; rep++) {
    const order = servers.map((_, i) => servers[(i + rep) % servers.length]);
    for (const server of order) {
      const run = await load(server, SECONDS);
      runs[server.name].push(run);
      log(
        `rep ${rep + 1} ${server.name}: ${run.rps.toFixed(0)} req/s, p50 ${run.p50} / p99 ${run.p99} ms, ` +
          `RSS max ${run.rssMax.toFixed(0)} MiB, PSS max ${run.pssMax.toFixed(0)} MiB (${run.processes} processes), non-2xx ${run.non2xx}, errors ${run.errors}`,
      );
    }
  }
} catch (error) {
  processes.killAll();
  throw error;
} finally {
  await processes.stopAll();
  processes.killAll();
}

const rows = Object.entries(runs).map(([name, list]) => ({
  name,
  rps: median(list.map((r) => r.rps)),
  p50: median(list.map((r) => r.p50)),
  p99: median(list.map((r) => r.p99)),
  max: median(list.map((r) => r.max)),
  rssMax: median(list.map((r) => r.rssMax)),
  rssMean: median(list.map((r) => r.rssMean)),
  pssMax: median(list.map((r) => r.pssMax)),
  processes: Math.max(...list.map((r) => r.processes)),
  total: sum(list.map((r) => r.total)),
  ok: sum(list.map((r) => r.ok)),
  non2xx: sum(list.map((r) => r.non2xx)),
  conflicts: sum(list.map((r) => r.conflicts)),
  notSucceeded: sum(list.map((r) => r.notSucceeded)),
  errors: sum(list.map((r) => r.errors)),
  timeouts: sum(list.map((r) => r.timeouts)),
  ...info[name],
  runs: list,
}));
const loadAfter = loadavg();
const environment = {
  node: process.version,
  cpus: cpus().length,
  loadBefore,
  loadAfter,
  seconds: SECONDS,
  reps: REPS,
  connections: CONNECTIONS,
  waitMs: WAIT_MS,
  floorRps: FLOOR,
};

if (args.json) {
  console.log(JSON.stringify({ environment, rows }, null, 2));
} else {
  const fmt = (values) => values.map((v) => v.toFixed(2)).join(", ");
  console.log(
    `\nnode ${process.version}, ${cpus().length} CPUs, load average (1, 5, 15 min) ${fmt(loadBefore)} → ${fmt(loadAfter)} (start → end)`,
  );
  console.log(
    `${SECONDS} s × ${REPS} autocannon runs each at ${CONNECTIONS} connections (rotating order), medians; ` +
      `predict awaits ${WAIT_MS} ms; idealised floor ${CONNECTIONS} × 1000 / ${WAIT_MS} = ${FLOOR} req/s; RSS sampled every ${SAMPLE_MS} ms over the server's whole process tree (VmRSS summed; PSS from smaps_rollup)\n`,
  );
  const label = {
    concurrent: "1 worker, `@Concurrent({ max: 16 })`",
    processes: `${CONNECTIONS} workers, \`--concurrency ${CONNECTIONS}\``,
    bare: "bare `node:http`, 1 process",
  };
  console.log(
    "| server | processes | succeeded req/s | of floor | p50 / p99 / max ms | RSS max MiB | RSS mean MiB | PSS max MiB | idle RSS MiB | READY ms | responses | non-2xx (409) | not succeeded | errors |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(
      `| ${label[r.name] ?? r.name} | ${r.processes} | ${r.rps.toFixed(0)} | ${((100 * r.rps) / FLOOR).toFixed(0)} % | ${r.p50} / ${r.p99} / ${r.max} | ` +
        `${r.rssMax.toFixed(0)} | ${r.rssMean.toFixed(0)} | ${r.pssMax.toFixed(0)} | ${r.idleRss.toFixed(0)} | ${r.readyMs} | ${r.total} | ${r.non2xx} (${r.conflicts}) | ${r.notSucceeded} | ${r.errors} |`,
    );
  }
  console.log("| real Cog (`@cog.concurrent`) | – | not measured (needs Docker or PyPI) | | | | | | | | | | | |");
  for (const r of rows) {
    if (r.non2xx > 0 || r.notSucceeded > 0 || r.errors > 0) {
      console.log(
        `\n**${r.name}**: ${r.non2xx} non-2xx (${r.conflicts} × 409: more connections than prediction slots), ${r.notSucceeded} not "succeeded", ${r.errors} errors`,
      );
    }
  }
}
