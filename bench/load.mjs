// Load and soak test of `tsc-cog serve` (issue 7): an async predictor at concurrency 4, driven by
// autocannon on loopback in three phases — sync requests, async requests (Prefer: respond-async, with
// a webhook receiver), and both at once — reporting requests/s, latency, error rate, that every
// accepted async prediction's `completed` webhook arrived exactly once, and the server's RSS (server
// process plus its workers) before, during and after.
//
//   node_modules/.bin/tsc -b && node bench/load.mjs                 # 60 s in all (20 s per phase)
//   node bench/load.mjs --seconds 1800                              # a soak: 30 minutes
//   node bench/load.mjs --seconds 15 --phases mixed --json          # one phase, machine-readable
//
// Options: --seconds N (total, split evenly between the phases; default 60), --phases
// sync,async,mixed, --connections N (autocannon connections per phase; the mixed phase splits them;
// default 4), --concurrency N (server slots; default 4), --ms N (how long each prediction sleeps;
// default 20), --async-rate N (async requests/s in all; default 80% of what the slots can finish,
// halved in the mixed phase; 0 = as fast as possible), --json (print the summary as JSON too).
//
// RSS is read after a warm-up of 1,200 predictions (workers loaded, JIT warm, and the server's store of
// the last 1,000 finished predictions full), then every 5 s, then after the run: with the store at its
// bound, growth beyond noise would be a leak.
//
// 409 answers are the server refusing work at capacity (Cog's back-pressure; async predictions hold
// a slot after their 202), counted apart from errors. Errors are network failures, timeouts and any
// other status. Bounded: each phase has a duration, every wait a timeout, a watchdog ends the run at
// twice its planned length plus two minutes, and the server is stopped at the end. Loopback only.
// Exit code 1 when a request errored or a webhook was lost or duplicated.
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:http";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    phases: { type: "string", default: "sync,async,mixed" },
    connections: { type: "string", default: "4" },
    concurrency: { type: "string", default: "4" },
    ms: { type: "string", default: "20" },
    "async-rate": { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const SECONDS = positive(args.seconds, "--seconds");
const CONNECTIONS = positive(args.connections, "--connections");
const CONCURRENCY = positive(args.concurrency, "--concurrency");
const SLEEP_MS = Number(args.ms);
const PHASES = args.phases.split(",").map((p) => p.trim());
for (const phase of PHASES) if (!["sync", "async", "mixed"].includes(phase)) fail(`unknown phase ${phase}; use sync, async, mixed`);
const PHASE_SECONDS = Math.max(1, Math.round(SECONDS / PHASES.length));
// Async clients get their 202 at once while the prediction holds a slot, so unpaced they would mostly
// measure 409s; by default they send at 80% of what the slots can finish (0 = unpaced, a 409 flood).
const ASYNC_RATE = args["async-rate"] === undefined ? Math.floor((0.8 * CONCURRENCY * 1000) / (SLEEP_MS + 5)) : Number(args["async-rate"]);
// The server keeps the last 1000 finished predictions; the warm-up fills that store before RSS is read.
const WARM_UP_PREDICTIONS = 1200;
const ROOT = resolve(import.meta.dirname, "..");
const PREDICTOR = resolve(ROOT, "test/fixtures/reliability/serve/predict.ts:Sleeper");
const WEBHOOK_WAIT_MS = 60_000;
const ID_PREFIX = "load-";
let nextId = 0;

function positive(text, flag) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${flag} must be a whole number of at least 1, got ${text}`);
  return n;
}

function fail(message) {
  console.error(`load: ${message}`);
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mib = (kib) => (kib / 1024).toFixed(1);

/** Records webhook deliveries; a terminal one (succeeded/failed/canceled) is the `completed` event. */
function startWebhookReceiver() {
  const terminal = new Map(); // prediction id → statuses of its terminal deliveries
  let deliveries = 0;
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      deliveries++;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        if (["succeeded", "failed", "canceled"].includes(body.status))
          terminal.set(body.id, [...(terminal.get(body.id) ?? []), body.status]);
      } catch {
        // counted as a delivery; a body that is not JSON never matches an accepted id
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  return new Promise((resolveReceiver) =>
    server.listen(0, "127.0.0.1", () =>
      resolveReceiver({ url: `http://127.0.0.1:${server.address().port}/hook`, terminal, deliveries: () => deliveries, server }),
    ),
  );
}

/** Starts `tsc-cog serve` on a free loopback port and waits until it is READY. */
async function startServe() {
  const bin = resolve(ROOT, "packages/cli/bin/tsc-cog.js");
  const child = spawn(
    process.execPath,
    [bin, "serve", PREDICTOR, "--host", "127.0.0.1", "--port", "0", "--concurrency", String(CONCURRENCY)],
    {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    },
  );
  let text = "";
  child.stderr.on("data", (chunk) => {
    text += chunk;
    if (text.length > 1e6) text = text.slice(-1e5);
  });
  const deadline = Date.now() + 60_000;
  let url;
  while (!url) {
    url = /http:\/\/127\.0\.0\.1:\d+/.exec(text)?.[0];
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`tsc-cog serve did not start:\n${text}`);
    if (!url) await sleep(50);
  }
  while (Date.now() < deadline) {
    const health = await fetch(`${url}/health-check`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.json())
      .catch(() => ({}));
    if (health.status === "READY") return { child, url, log: () => text };
    await sleep(100);
  }
  throw new Error(`tsc-cog serve never became READY:\n${text}`);
}

/** RSS in KiB of `pid` and all its descendants (the server and its worker processes). */
function treeRss(pid) {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid=,rss="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number));
  const wanted = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, pp] of rows) {
      if (wanted.has(pp) && !wanted.has(p)) {
        wanted.add(p);
        grew = true;
      }
    }
  }
  return rows.filter(([p]) => wanted.has(p)).reduce((sum, [, , rss]) => sum + rss, 0);
}

/** One autocannon run: POST /predictions, sync or async, collecting status counts and accepted ids. */
function drive(url, { connections, seconds, amount, rate, async, webhook, accepted }) {
  const body = JSON.stringify({ input: { ms: SLEEP_MS } });
  const statuses = new Map();
  const instance = autocannon({
    url,
    connections,
    ...(amount !== undefined ? { amount } : { duration: seconds }),
    ...(rate > 0 ? { overallRate: rate } : {}),
    timeout: 30,
    requests: [
      {
        method: "POST",
        path: "/predictions",
        headers: { "content-type": "application/json", ...(async ? { prefer: "respond-async" } : {}) },
        body,
        // Async predictions carry our own unique ids, so that every webhook can be matched to a request.
        ...(async
          ? {
              setupRequest: (request) => ({
                ...request,
                body: JSON.stringify({ id: `${ID_PREFIX}${nextId++}`, input: { ms: SLEEP_MS }, webhook }),
              }),
            }
          : {}),
        onResponse: (status, text) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (async && status === 202) {
            try {
              accepted.add(JSON.parse(text).id);
            } catch {
              accepted.add(`unparsable-${accepted.size}`);
            }
          }
        },
      },
    ],
  });
  return new Promise((resolveRun, reject) => {
    instance.on("done", (result) => resolveRun({ result, statuses }));
    instance.on("error", reject);
  });
}

/** Summarises autocannon results: requests/s, latency, statuses, errors (anything but the expected status or 409). */
function summarise(name, runs, seconds) {
  const statuses = {};
  let total = 0;
  let errors = 0;
  for (const { result, statuses: counts, expected } of runs) {
    errors += result.errors + result.timeouts;
    total += result.errors + result.timeouts;
    for (const [status, count] of counts) {
      statuses[status] = (statuses[status] ?? 0) + count;
      total += count;
      if (status !== expected && status !== 409) errors += count;
    }
  }
  const latency = runs.map(({ result }) => result.latency);
  return {
    phase: name,
    seconds,
    requests: total,
    requestsPerSecond: Math.round((total / seconds) * 10) / 10,
    statuses,
    refusedAtCapacity: statuses[409] ?? 0,
    errors,
    errorRate: total === 0 ? 0 : errors / total,
    latencyMs: { p50: Math.max(...latency.map((l) => l.p50)), p99: Math.max(...latency.map((l) => l.p99)) },
  };
}

async function main() {
  const watchdog = setTimeout(
    () => {
      console.error("load: watchdog: the run took too long; stopping");
      process.exit(1);
    },
    (2 * SECONDS + 120) * 1000,
  );
  watchdog.unref();
  const receiver = await startWebhookReceiver();
  const server = await startServe();
  const samples = [];
  let sampler;
  try {
    // Warm-up: workers loaded and JIT warm before the first RSS reading.
    await drive(server.url, { connections: CONNECTIONS, amount: WARM_UP_PREDICTIONS, async: false, accepted: new Set() });
    await sleep(500);
    const rssBefore = treeRss(server.child.pid);
    const started = Date.now();
    sampler = setInterval(() => samples.push({ at: Math.round((Date.now() - started) / 1000), rssKiB: treeRss(server.child.pid) }), 5000);
    const accepted = new Set();
    const phases = [];
    for (const phase of PHASES) {
      const plan = {
        sync: [{ connections: CONNECTIONS, async: false }],
        async: [{ connections: CONNECTIONS, async: true, rate: ASYNC_RATE }],
        mixed: [
          { connections: Math.max(1, Math.ceil(CONNECTIONS / 2)), async: false },
          { connections: Math.max(1, Math.floor(CONNECTIONS / 2)), async: true, rate: Math.floor(ASYNC_RATE / 2) },
        ],
      }[phase];
      const runs = await Promise.all(
        plan.map(async (p) => ({
          ...(await drive(server.url, { ...p, seconds: PHASE_SECONDS, webhook: receiver.url, accepted })),
          expected: p.async ? 202 : 200,
        })),
      );
      phases.push(summarise(phase, runs, PHASE_SECONDS));
    }
    // Every accepted prediction must complete and notify: wait (bounded) for the last webhooks.
    const deadline = Date.now() + WEBHOOK_WAIT_MS;
    while (Date.now() < deadline && [...accepted].some((id) => !receiver.terminal.has(id))) await sleep(100);
    clearInterval(sampler);
    // A webhook for one of our ids whose 202 the client never read: autocannon hangs up when a phase
    // ends, so a 202 in flight at that moment is lost to the client, not to the server. Our ids (sent
    // as "load-…") tell those apart from a webhook the server invented.
    const cutOff = [...receiver.terminal.keys()].filter((id) => id.startsWith(ID_PREFIX) && !accepted.has(id));
    for (const id of cutOff) accepted.add(id);
    const strays = [...receiver.terminal.keys()].filter((id) => !accepted.has(id));
    const missing = [...accepted].filter((id) => !receiver.terminal.has(id));
    const duplicated = [...receiver.terminal].filter(([, list]) => list.length > 1).map(([id]) => id);
    await sleep(2000);
    const rssAfter = treeRss(server.child.pid);
    const notSucceeded = [...receiver.terminal.values()].flat().filter((status) => status !== "succeeded").length;
    const health = await fetch(`${server.url}/health-check`, { signal: AbortSignal.timeout(5000) }).then((r) => r.json());
    const summary = {
      node: process.version,
      predictor: "Sleeper (awaits a timer)",
      predictionMs: SLEEP_MS,
      concurrency: CONCURRENCY,
      connections: CONNECTIONS,
      phases,
      asyncRatePerSecond: ASYNC_RATE,
      webhooks: {
        accepted: accepted.size,
        acceptedAsPhaseEnded: cutOff.length,
        completedExactlyOnce: accepted.size - missing.length - duplicated.filter((id) => accepted.has(id)).length,
        missing: missing.length,
        duplicated: duplicated.length,
        strays: strays.length,
        notSucceeded,
        deliveries: receiver.deliveries(),
      },
      rss: {
        beforeMiB: Number(mib(rssBefore)),
        afterMiB: Number(mib(rssAfter)),
        peakMiB: Number(mib(Math.max(rssBefore, rssAfter, ...samples.map((s) => s.rssKiB)))),
        growthMiB: Number(mib(rssAfter - rssBefore)),
      },
      healthAfter: health.status,
    };
    print(summary, samples);
    if (args.json) console.log(JSON.stringify({ ...summary, rssSamples: samples }, null, 2));
    const broken = phases.some((p) => p.errors > 0) || missing.length > 0 || duplicated.length > 0 || strays.length > 0;
    process.exitCode = broken ? 1 : 0;
  } finally {
    clearInterval(sampler);
    server.child.kill("SIGTERM");
    const stopped = await Promise.race([new Promise((r) => server.child.once("exit", () => r(true))), sleep(15_000).then(() => false)]);
    if (!stopped) server.child.kill("SIGKILL");
    receiver.server.closeAllConnections();
    receiver.server.close();
    clearTimeout(watchdog);
  }
}

function print(summary, samples) {
  console.log(
    `tsc-cog serve load — ${summary.node}, ${summary.predictor} ${summary.predictionMs} ms, concurrency ${summary.concurrency}, ${summary.connections} connections, async at ${summary.asyncRatePerSecond || "unpaced"} req/s\n`,
  );
  console.log("phase   seconds  requests  req/s     p50 ms  p99 ms  409 (capacity)  errors  error rate  statuses");
  for (const p of summary.phases) {
    console.log(
      `${p.phase.padEnd(8)}${String(p.seconds).padEnd(9)}${String(p.requests).padEnd(10)}${String(p.requestsPerSecond).padEnd(10)}${String(p.latencyMs.p50).padEnd(8)}${String(p.latencyMs.p99).padEnd(8)}${String(p.refusedAtCapacity).padEnd(16)}${String(p.errors).padEnd(8)}${(p.errorRate * 100).toFixed(2).padStart(6)} %    ${JSON.stringify(p.statuses)}`,
    );
  }
  const w = summary.webhooks;
  console.log(
    `\nasync predictions accepted (202): ${w.accepted} (${w.acceptedAsPhaseEnded} of them as a phase ended, 202 unread); completed webhook exactly once: ${w.completedExactlyOnce}; missing: ${w.missing}; duplicated: ${w.duplicated}; for unknown ids: ${w.strays}; not succeeded: ${w.notSucceeded}; deliveries in all: ${w.deliveries}`,
  );
  console.log(
    `RSS (server + workers): before ${summary.rss.beforeMiB} MiB, peak ${summary.rss.peakMiB} MiB, after ${summary.rss.afterMiB} MiB (growth ${summary.rss.growthMiB} MiB)`,
  );
  if (samples.length > 0) console.log(`RSS samples (s → MiB): ${samples.map((s) => `${s.at}→${mib(s.rssKiB)}`).join("  ")}`);
  console.log(`health-check after the run: ${summary.healthAfter}`);
}

await main();
