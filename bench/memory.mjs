// Issue 16, memory: the RSS of `tsc-cog serve` — the server process and each worker — idle, after
// thousands of predictions and again after a rest, at 1, 2 and 4 workers, side by side with the bare
// node:http server; and what the prediction store retains when responses are large.
//
//   node_modules/.bin/tsc -b && node bench/memory.mjs [--predictions 10000] [--reps 3] [--workers 1,2,4] [--big 600]
//     [--settle 2] [--rest 5] [--part all|hello|store] [--json]
//
// Two parts, every server a subprocess on 127.0.0.1, run one at a time (rotating order per repetition):
// - hello: `tsc-cog serve --port 0 --concurrency N` on examples/hello for each N of --workers, and
//   `bench/server-bare.mjs examples/hello/predict.ts` (one process, predict() in-process, keeps nothing),
//   and `serve --concurrency 1` with a new, empty compile cache per run (the worker loads swc and compiles);
// - store: `tsc-cog serve predict.ts:<Class> --concurrency 1` on bench/fixtures/large-output, whose
//   predictors answer ~10 KiB (TenKiB, --predictions of them: the store's count bound, 1000 kept) or
//   ~1 MiB (OneMiB ASCII, OneMiBWide non-Latin-1 text V8 keeps at 2 bytes a character; --big of them:
//   the byte bound, 256 MiB), and the bare server on TenKiB and OneMiB.
// For each: start, wait READY (serve) and one checked request, rest --settle s, then snapshot ("idle");
// POST {"input":{"name":"bench"}} to /predictions --predictions times with autocannon (keep-alive,
// min(N, 2) connections; every response must be 200 and "succeeded"), snapshot ("after"); rest --rest s,
// snapshot again ("rested"). A snapshot reads, for the server process and each child (found through
// /proc/<pid>/task/*/children), VmRSS from /proc/<pid>/status and PSS from /proc/<pid>/smaps_rollup
// (shared pages divided among the processes sharing them — what N workers together really cost). The
// whole tree's RSS is also sampled every 250 ms during the load ("peak"). No GC is forced: what a
// server has not collected yet is part of what it costs. For serve we then count how many of the
// predictions just made are still readable (GET /predictions/<id>, a binary search: the store evicts
// oldest first). Medians over --reps. Bounded: every request and wait has a timeout, the script a
// watchdog, and every server (and its workers) is killed at the end, also on error or signal.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { processMemory, ServerProcesses, treePids } from "./support/servers.mjs";

const { values: args } = parseArgs({
  options: {
    predictions: { type: "string", default: "10000" },
    big: { type: "string", default: "600" },
    reps: { type: "string", default: "3" },
    workers: { type: "string", default: "1,2,4" },
    settle: { type: "string", default: "2" },
    rest: { type: "string", default: "5" },
    part: { type: "string", default: "all" },
    json: { type: "boolean", default: false },
  },
});
const PREDICTIONS = Number(args.predictions);
const BIG = Number(args.big);
const REPS = Number(args.reps);
const WORKERS = args.workers.split(",").map(Number);
const SETTLE_MS = Number(args.settle) * 1000;
const REST_MS = Number(args.rest) * 1000;
for (const [name, value] of Object.entries({ predictions: PREDICTIONS, big: BIG, reps: REPS, workers: Math.min(...WORKERS) })) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`bad --${name}: ${args[name]}`);
}
if (!["all", "hello", "store"].includes(args.part)) throw new Error(`bad --part: ${args.part} (all, hello or store)`);
if (!(SETTLE_MS >= 0) || !(REST_MS >= 0)) throw new Error(`bad --settle or --rest: ${args.settle}, ${args.rest}`);
const ROOT = resolve(import.meta.dirname, "..");
const CLI = resolve(ROOT, "packages/cli/bin/tsc-cog.js");
const BARE = resolve(ROOT, "bench/server-bare.mjs");
const HELLO = resolve(ROOT, "examples/hello");
const LARGE = resolve(ROOT, "bench/fixtures/large-output");
const BODY = JSON.stringify({ input: { name: "bench" } });
const SAMPLE_MS = 250;
const MIB = 1024 * 1024;
const log = (line) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const servers = new ServerProcesses();
const childEnv = { ...process.env, NO_COLOR: "1" };
delete childEnv.COG_MAX_CONCURRENCY;

/** The server process and every process under it (the workers), and their sums. */
function snapshot(root) {
  const server = processMemory(root);
  const workers = treePids(root).slice(1).map(processMemory);
  const all = [server, ...workers];
  const sum = (key) => (all.some((m) => m[key] === undefined) ? undefined : all.reduce((s, m) => s + m[key], 0));
  return { server, workers, total: { rss: sum("rss"), pss: sum("pss") }, processes: all.length };
}

async function startServer(config) {
  if (config.kind === "bare")
    return servers.start(config.name, [BARE, config.ref], { cwd: config.cwd, env: childEnv, pattern: /listening (\d+)/ });
  const argv = [CLI, "serve", config.ref, "--port", "0", "--concurrency", String(config.workers)];
  const env = config.cacheDir ? { ...childEnv, TSC_COG_CACHE_DIR: config.cacheDir } : childEnv;
  const server = await servers.start(config.name, argv, { cwd: config.cwd, env, pattern: /http:\/\/127\.0\.0\.1:(\d+)/ });
  return servers.ready(server);
}

/** One request, checked: HTTP 200, "succeeded", an output that greets "bench". */
async function check(server) {
  const response = await fetch(`${server.url}/predictions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: BODY,
    signal: AbortSignal.timeout(30_000),
  });
  const json = await response.json();
  if (response.status !== 200 || json.status !== "succeeded" || !String(json.output).startsWith("hello bench")) {
    throw new Error(`${server.name}: HTTP ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
  }
}

/** `amount` predictions with autocannon; the ids of the answers in order (serve only), the peak tree RSS. */
async function load(server, amount, connections) {
  const ids = [];
  let peak = snapshot(server.child.pid).total;
  const timer = setInterval(() => {
    const now = snapshot(server.child.pid).total;
    if (now.rss > peak.rss) peak = now;
  }, SAMPLE_MS);
  let result;
  const started = performance.now();
  try {
    result = await autocannon({
      url: `${server.url}/predictions`,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: BODY,
      connections,
      amount,
      timeout: 30,
      verifyBody: (body) => {
        const id = /^\{"id":"([^"]+)"/.exec(body.slice(0, 200));
        if (id) ids.push(id[1]);
        return body.slice(0, 300).includes('"status":"succeeded"');
      },
    });
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - started) / 1000;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result.mismatches > 0) {
    throw new Error(
      `${server.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts, ${result.mismatches} not succeeded`,
    );
  }
  return { ids, peak, seconds, rps: result.requests.total / seconds };
}

async function readable(server, id) {
  const response = await fetch(`${server.url}/predictions/${id}`, { signal: AbortSignal.timeout(30_000) });
  await response.arrayBuffer();
  return response.status === 200;
}

/** How many of `ids` (in the order they finished) the store still answers: it evicts the oldest first. */
async function kept(server, ids) {
  if (ids.length === 0) return undefined;
  let low = 0; // first index that may be readable
  let high = ids.length; // readable from here on
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (await readable(server, ids[middle])) high = middle;
    else low = middle + 1;
  }
  return ids.length - low;
}

const helloConfigs = [
  ...WORKERS.map((workers) => ({ part: "hello", name: `serve ×${workers}`, kind: "serve", workers, ref: "predict.ts", cwd: HELLO })),
  { part: "hello", name: "bare", kind: "bare", workers: 0, ref: "predict.ts", cwd: HELLO },
  // A new, empty compile cache for each run: every worker loads swc and compiles the predictor.
  { part: "hello", name: "serve ×1 cold cache", kind: "serve", workers: 1, ref: "predict.ts", cwd: HELLO, cold: true },
];
const storeConfigs = [
  { output: "TenKiB", amount: PREDICTIONS, bare: true },
  { output: "OneMiB", amount: BIG, bare: true },
  { output: "OneMiBWide", amount: BIG, bare: false },
].flatMap(({ output, amount, bare }) => [
  { part: "store", name: `serve ×1 ${output}`, kind: "serve", workers: 1, output, amount, ref: `predict.ts:${output}`, cwd: LARGE },
  ...(bare
    ? [{ part: "store", name: `bare ${output}`, kind: "bare", workers: 0, output, amount, ref: `predict.ts:${output}`, cwd: LARGE }]
    : []),
]);
const configs = [...(args.part === "store" ? [] : helloConfigs), ...(args.part === "hello" ? [] : storeConfigs)];

// A generous bound: start-up, the rests, and the predictions at a slow 100/s (1 MiB ones at 10/s).
const budgetMs =
  REPS *
    configs.reduce((ms, c) => ms + 30_000 + SETTLE_MS + REST_MS + ((c.amount ?? PREDICTIONS) / (c.amount === BIG ? 10 : 100)) * 1000, 0) +
  120_000;
setTimeout(() => {
  console.error(`bench/memory.mjs: watchdog — not done after ${Math.round(budgetMs / 1000)} s; killing the servers`);
  servers.killAll();
  process.exit(1);
}, budgetMs).unref();

async function measure(config) {
  const cacheDir = config.cold ? mkdtempSync(join(tmpdir(), "tsc-cog-memory-cache-")) : undefined;
  const server = await startServer({ ...config, cacheDir });
  try {
    await check(server);
    await sleep(SETTLE_MS);
    const idle = snapshot(server.child.pid);
    if (config.kind === "serve" && idle.workers.length !== config.workers) {
      throw new Error(`${config.name}: ${idle.workers.length} worker processes, expected ${config.workers}`);
    }
    const run = await load(server, config.amount ?? PREDICTIONS, Math.max(1, Math.min(config.workers, 2)));
    const after = snapshot(server.child.pid);
    await sleep(REST_MS);
    const rested = snapshot(server.child.pid);
    const stored = config.kind === "serve" ? await kept(server, run.ids) : undefined;
    return { idle, after, rested, peak: run.peak, seconds: run.seconds, rps: run.rps, kept: stored };
  } finally {
    await servers.stop(server);
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  }
}

const loadBefore = loadavg();
const runs = new Map(configs.map((c) => [c, []]));
try {
  // Fill the compile caches first (one start of each predictor), so that only the cold-cache row compiles.
  for (const config of configs.filter((c, i) => !c.cold && configs.findIndex((d) => d.ref === c.ref && d.cwd === c.cwd) === i)) {
    const server = await startServer({ ...config, kind: "serve", workers: 1 });
    await check(server);
    await servers.stop(server);
  }
  for (let rep = 0; rep < REPS; rep++) {
    const order = configs.map((_, i) => configs[(i + rep) % configs.length]);
    for (const config of order) {
      const result = await measure(config);
      runs.get(config).push(result);
      const total = (s) => `${s.total.rss.toFixed(0)}`;
      log(
        `rep ${rep + 1} ${config.name}: tree RSS ${total(result.idle)} → ${total(result.after)} → ${total(result.rested)} MiB ` +
          `(server ${result.idle.server.rss.toFixed(0)} → ${result.after.server.rss.toFixed(0)} → ${result.rested.server.rss.toFixed(0)}), ` +
          `peak ${result.peak.rss.toFixed(0)}, ${result.rps.toFixed(0)} req/s${result.kept === undefined ? "" : `, store keeps ${result.kept}`}`,
      );
    }
  }
} catch (error) {
  servers.killAll();
  throw error;
} finally {
  await servers.stopAll();
  servers.killAll();
}
const loadAfter = loadavg();

const median = (values) => {
  const defined = values.filter((v) => v !== undefined);
  return defined.length === 0 ? undefined : [...defined].sort((a, b) => a - b)[Math.floor(defined.length / 2)];
};
const mean = (values) => (values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length);
/** The medians over the repetitions of one phase's figures; a worker's is the mean over the run's workers. */
const phase = (list, key) => ({
  serverRss: median(list.map((r) => r[key].server.rss)),
  serverPss: median(list.map((r) => r[key].server.pss)),
  workerRss: median(list.map((r) => mean(r[key].workers.map((w) => w.rss)))),
  workerPss: median(list.map((r) => mean(r[key].workers.map((w) => w.pss)))),
  workerMaxRss: median(list.map((r) => Math.max(0, ...r[key].workers.map((w) => w.rss)))),
  totalRss: median(list.map((r) => r[key].total.rss)),
  totalPss: median(list.map((r) => r[key].total.pss)),
});
const rows = configs.map((config) => {
  const list = runs.get(config);
  return {
    part: config.part,
    name: config.name,
    kind: config.kind,
    cold: config.cold === true,
    workers: config.workers,
    output: config.output,
    predictions: config.amount ?? PREDICTIONS,
    idle: phase(list, "idle"),
    after: phase(list, "after"),
    rested: phase(list, "rested"),
    peakRss: median(list.map((r) => r.peak.rss)),
    rps: median(list.map((r) => r.rps)),
    kept: median(list.map((r) => r.kept)),
    runs: list,
  };
});
const hello = rows.filter((r) => r.part === "hello");
const one = hello.find((r) => r.kind === "serve" && r.workers === 1 && !r.cold);
const bare = hello.find((r) => r.kind === "bare");
const marginal = one
  ? hello
      .filter((r) => r.kind === "serve" && r.workers > 1 && !r.cold)
      .map((r) => {
        const per = (phaseKey, key) => (r[phaseKey][key] - one[phaseKey][key]) / (r.workers - 1);
        return {
          from: 1,
          to: r.workers,
          idleRss: per("idle", "totalRss"),
          idlePss: per("idle", "totalPss"),
          restedRss: per("rested", "totalRss"),
          restedPss: per("rested", "totalPss"),
        };
      })
  : [];
const environment = {
  node: process.version,
  cpus: cpus().length,
  memoryMiB: Math.round(totalmem() / MIB),
  loadBefore,
  loadAfter,
  predictions: PREDICTIONS,
  big: BIG,
  reps: REPS,
  settleMs: SETTLE_MS,
  restMs: REST_MS,
};

if (args.json) {
  console.log(JSON.stringify({ environment, rows, marginal }, null, 2));
} else {
  const mib = (v) => (v === undefined ? "–" : v.toFixed(0));
  const three = (r, key) => `${mib(r.idle[key])} → ${mib(r.after[key])} → ${mib(r.rested[key])}`;
  const fmt = (values) => values.map((v) => v.toFixed(2)).join(", ");
  console.log(
    `\nnode ${process.version}, ${cpus().length} CPUs, ${environment.memoryMiB} MiB, load average (1, 5, 15 min) ${fmt(loadBefore)} → ${fmt(loadAfter)} (start → end)`,
  );
  console.log(
    `MiB, medians of ${REPS}; each cell idle (${SETTLE_MS / 1000} s after start-up) → after the predictions → after ${REST_MS / 1000} s more rest; ` +
      "RSS = VmRSS, PSS = smaps_rollup (shared pages divided among sharers); no GC forced\n",
  );
  if (one && bare) {
    console.log(
      `serve ×1 ÷ bare, whole tree: RSS idle ${(one.idle.totalRss / bare.idle.totalRss).toFixed(2)}×, rested ${(one.rested.totalRss / bare.rested.totalRss).toFixed(2)}×; ` +
        `PSS idle ${(one.idle.totalPss / bare.idle.totalPss).toFixed(2)}×, rested ${(one.rested.totalPss / bare.rested.totalPss).toFixed(2)}×`,
    );
    for (const m of marginal) {
      console.log(
        `each extra worker (×1 → ×${m.to}): RSS +${m.idleRss.toFixed(0)} MiB idle, +${m.restedRss.toFixed(0)} rested; PSS +${m.idlePss.toFixed(0)} idle, +${m.restedPss.toFixed(0)} rested`,
      );
    }
    console.log("");
  }
  console.log(`examples/hello, ${PREDICTIONS} predictions:\n`);
  console.log(
    "| server | processes | server RSS | per-worker RSS | total RSS | server PSS | per-worker PSS | total PSS | peak RSS | req/s | store keeps |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of hello) {
    console.log(
      `| ${r.name} | ${r.workers + 1} | ${three(r, "serverRss")} | ${r.workers ? three(r, "workerRss") : "–"} | ${three(r, "totalRss")} | ` +
        `${three(r, "serverPss")} | ${r.workers ? three(r, "workerPss") : "–"} | ${three(r, "totalPss")} | ${mib(r.peakRss)} | ${r.rps.toFixed(0)} | ${r.kept ?? "–"} |`,
    );
  }
  console.log("\nthe store: bench/fixtures/large-output, one worker:\n");
  console.log(
    "| server | output | predictions | store keeps | server RSS | server RSS rested − hello's | worker RSS | total PSS | peak RSS | req/s |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows.filter((row) => row.part === "store")) {
    const base = r.kind === "serve" ? one : bare;
    const growth = base ? mib(r.rested.serverRss - base.rested.serverRss) : "–";
    console.log(
      `| ${r.name.split(" ").slice(0, -1).join(" ")} | ${r.output} | ${r.predictions} | ${r.kept ?? "–"} | ${three(r, "serverRss")} | ${growth} | ` +
        `${r.workers ? three(r, "workerRss") : "–"} | ${three(r, "totalPss")} | ${mib(r.peakRss)} | ${r.rps.toFixed(0)} |`,
    );
  }
}
