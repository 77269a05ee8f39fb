// `tsc-cog serve` throughput and latency vs a bare node:http server calling the same predict()
// in-process and sending the same prediction envelope (DESIGN §9, target ≥ 0.5× its requests/s),
// side by side in one run.
//
//   node_modules/.bin/tsc -b && node bench/server-throughput.mjs [--seconds 5] [--reps 3] [--connections 1,4]
//       [--floor] [--hop] [--secret] [--before /tmp/before/packages/cli/bin/tsc-cog.js]
//
// Every server runs examples/hello (`predict(name) → "hello " + name`) as a subprocess on 127.0.0.1:
// - serve: `tsc-cog serve --concurrency c` (the built CLI): one worker process per connection, since a
//   worker of a predictor without @Concurrent takes one prediction at a time (more connections than
//   slots would only measure 409s);
// - bare: bench/server-bare.mjs, node:http + JSON.parse + predict() in-process + the same envelope;
// - optional: `--secret` serve with a deployment secret registered (the redaction path of every
//   response); `--floor` (c = 1) fastify forwarding each body to one worker and nothing else
//   (bench/server-floor.mjs); `--hop` the bare server with predict() in c forked children over Node's IPC
//   and nothing else, the floor of any design with a process hop (bench/server-hop.mjs); `--before <bin>`
//   another build's tsc-cog serve, for before/after.
// autocannon (its API, in this process) POSTs {"input":{"name":"bench"}} to /predictions with c
// connections; each repetition loads every server, alternating the order; medians are reported.
// Latency in µs comes from a probe (c keep-alive connections, each sending requests one after another,
// timed with hrtime), since autocannon's histogram has whole-millisecond resolution. Real Cog cannot
// run here; its figure is DESIGN §9's recorded ~740 req/s at c = 1 on this machine.
// Bounded: every run has a duration, every wait and request a timeout, every server is killed at the end.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    reps: { type: "string", default: "3" },
    connections: { type: "string", default: "1,4" },
    floor: { type: "boolean", default: false },
    hop: { type: "boolean", default: false },
    secret: { type: "boolean", default: false },
    before: { type: "string" },
  },
});
const SECONDS = Number(args.seconds);
const REPS = Number(args.reps);
const CONNECTIONS = args.connections.split(",").map(Number);
const ROOT = resolve(import.meta.dirname, "..");
const HELLO = resolve(ROOT, "examples/hello");
const CLI = resolve(ROOT, "packages/cli/bin/tsc-cog.js");
const BODY = JSON.stringify({ input: { name: "bench" } });
const COG_RPS = 740;
const PROBE = 2000;

/** Starts a server subprocess and resolves its base URL once `pattern` shows on its output. */
async function startProcess(argv, cwd, pattern, env = {}) {
  const child = spawn(process.execPath, argv, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1", ...env } });
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

async function startServe(bin, concurrency, cwd = HELLO, env = {}) {
  const argv = [bin, "serve", "--port", "0", "--concurrency", String(concurrency)];
  const server = await startProcess(argv, cwd, /http:\/\/127\.0\.0\.1:(\d+)/, env);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const health = await (await fetch(`${server.url}/health-check`)).json();
    if (health.status === "READY") return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("tsc-cog serve did not become READY within 60 s");
}

/** A copy of examples/hello whose cog.yaml declares a deployment secret (its value from the environment). */
function secretProject() {
  const dir = mkdtempSync(join(tmpdir(), "tsc-cog-bench-"));
  copyFileSync(join(HELLO, "predict.ts"), join(dir, "predict.ts"));
  writeFileSync(join(dir, "cog.yaml"), 'predict: "predict.ts:Predictor"\nsecrets:\n  bench_key: null\n');
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

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

/** `count` requests over `connections` keep-alive connections, each sending one after another; p50 and p99 in µs. */
async function probe(url, count, connections) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(url);
  const timed = () =>
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
  const loop = async (n) => {
    for (let i = 0; i < n; i++) times.push(await timed());
  };
  await Promise.all(Array.from({ length: connections }, () => loop(Math.ceil(count / connections))));
  agent.destroy();
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)], p99: times[Math.floor(times.length * 0.99)] };
}

async function stop(server) {
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
  await once(server.child, "exit").catch(() => {});
  clearTimeout(timer);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const loadBefore = loadavg()[0];
const project = args.secret ? secretProject() : undefined;
const rows = [];
try {
  for (const connections of CONNECTIONS) {
    const starts = {
      serve: () => startServe(CLI, connections),
      ...(args.before ? { before: () => startServe(resolve(args.before), connections) } : {}),
      ...(project ? { secret: () => startServe(CLI, connections, project, { TSC_COG_SECRET_bench_key: "tsc-cog-CANARY-bench-key" }) } : {}),
      ...(args.floor && connections === 1
        ? { floor: () => startProcess([resolve(ROOT, "bench/server-floor.mjs"), "predict.ts"], HELLO, /listening (\d+)/) }
        : {}),
      ...(args.hop
        ? { hop: () => startProcess([resolve(ROOT, "bench/server-hop.mjs"), "predict.ts", String(connections)], HELLO, /listening (\d+)/) }
        : {}),
      bare: () => startProcess([resolve(ROOT, "bench/server-bare.mjs"), "predict.ts"], HELLO, /listening (\d+)/),
    };
    const names = Object.keys(starts);
    const servers = {};
    try {
      for (const name of names) servers[name] = await starts[name]();
      for (const name of names) await load(servers[name].url, connections, 1);
      const runs = Object.fromEntries(names.map((name) => [name, []]));
      const probes = Object.fromEntries(names.map((name) => [name, []]));
      for (let rep = 0; rep < REPS; rep++) {
        const order = rep % 2 === 0 ? names : [...names].reverse();
        for (const name of order) runs[name].push(await load(servers[name].url, connections, SECONDS));
        for (const name of order) probes[name].push(await probe(servers[name].url, PROBE, connections));
      }
      const row = { connections, servers: {} };
      for (const name of names) {
        row.servers[name] = {
          rps: median(runs[name].map((r) => r.rps)),
          ms: `${median(runs[name].map((r) => r.p50))} / ${median(runs[name].map((r) => r.p99))}`,
          us: `${Math.round(median(probes[name].map((p) => p.p50)))} / ${Math.round(median(probes[name].map((p) => p.p99)))}`,
        };
      }
      rows.push(row);
    } finally {
      for (const server of Object.values(servers)) await stop(server);
    }
  }
} finally {
  if (project) rmSync(project, { recursive: true, force: true });
}

console.log(
  `node ${process.version}, ${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} (start → end)`,
);
console.log(`${SECONDS} s × ${REPS} autocannon runs per server (alternating order), medians; examples/hello over loopback`);
console.log(
  `latency µs: ${PROBE} requests per rep on c keep-alive connections, each one after another, hrtime; ms: autocannon's whole-ms histogram`,
);
console.log(`Cog: real Cog cannot run here; ${COG_RPS} req/s is DESIGN §9's figure recorded on this machine at c = 1 (none for c > 1)\n`);
const others = [...new Set(rows.flatMap((row) => Object.keys(row.servers)))].filter((name) => name !== "bare");
const ratioHeads = others.flatMap((name) => [`${name} / bare`, `${name} / Cog`]);
const serverHeads = [...others, "bare"].flatMap((name) => [`${name} req/s`, `${name} p50 / p99 µs`, `${name} p50 / p99 ms`]);
const heads = ["c", ...ratioHeads, ...serverHeads];
console.log(`| ${heads.join(" | ")} |`);
console.log(`|${heads.map(() => "---").join("|")}|`);
for (const { connections, servers } of rows) {
  const ratios = others.flatMap((name) =>
    servers[name]
      ? [`${(servers[name].rps / servers.bare.rps).toFixed(2)}×`, connections === 1 ? `${(servers[name].rps / COG_RPS).toFixed(1)}×` : "–"]
      : ["–", "–"],
  );
  const cells = [...others, "bare"].flatMap((name) =>
    servers[name] ? [servers[name].rps.toFixed(0), servers[name].us, servers[name].ms] : ["–", "–", "–"],
  );
  console.log(`| ${[connections, ...ratios, ...cells].join(" | ")} |`);
}
