// Where the start-up time of `tsc-cog predict` goes (companion of bench/startup.mjs; not a test).
//
//   node_modules/.bin/tsc -b && node bench/startup-profile.mjs [--runs 15] [--top 12]
//
// 1. Import costs: `node -e 0` against node importing one module and exiting (yargs, the SDK, the
//    runtime, the CLI's main.js) and `tsc-cog --version`, in rotating order, medians.
// 2. The worker round trip as the parent sees it, through the runtime's public API: fork → spec
//    (predictor loaded) → setup → predict → exit, timestamped in the parent, medians.
// 3. Timeline of real warm-cache runs: startup-profile-hook.mjs (loaded with --import through
//    NODE_OPTIONS, so in the CLI and its worker) timestamps process start, first user code, fork() and
//    each protocol message the CLI receives, and exit. First without the profiler (close to a real
//    run), then with V8's CPU profiler on, whose samples give each process's self time grouped by
//    package (medians over the runs). The profiler roughly doubles a run's time: read its split as
//    proportions, and the first timeline for durations.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { prepareStartupBench, ROOT } from "./startup-fixture.mjs";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "15" }, top: { type: "string", default: "12" } } });
const RUNS = Number(args.runs);
const TOP = Number(args.top);
const { work, baseEnv, warmCache, baselineRunner, baselineDir, HELLO, CLI, EXPECTED } = prepareStartupBench();
const CLI_DIR = join(ROOT, "packages", "cli");

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor((sorted.length - 1) / 2)];
};
const ms = (x) => `${x.toFixed(1)} ms`;

function wall(command, commandArgs, options) {
  const started = performance.now();
  const result = spawnSync(command, commandArgs, { ...options, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${commandArgs.join(" ")}: exit ${result.status}\n${result.stderr}`);
  return { ms: performance.now() - started, stdout: result.stdout };
}

// 1. Import costs.
const importOf = (specifier) => ["--input-type=module", "-e", `await import(${JSON.stringify(specifier)})`];
const probes = {
  "node -e 0": () => wall(process.execPath, ["-e", "0"], { env: baseEnv }),
  "import yargs": () => wall(process.execPath, importOf("yargs"), { cwd: CLI_DIR, env: baseEnv }),
  "import @tsc-cog/sdk": () => wall(process.execPath, importOf("@tsc-cog/sdk"), { cwd: CLI_DIR, env: baseEnv }),
  "import @tsc-cog/runtime": () => wall(process.execPath, importOf("@tsc-cog/runtime"), { cwd: CLI_DIR, env: baseEnv }),
  "import cli dist/main.js": () => wall(process.execPath, importOf(pathToFileURL(join(CLI_DIR, "dist", "main.js")).href), { env: baseEnv }),
  "tsc-cog --version": () => wall(process.execPath, [CLI, "--version"], { env: baseEnv }),
  "baseline (plain node)": () => wall(process.execPath, [baselineRunner], { cwd: baselineDir, env: baseEnv }),
  "tsc-cog predict (warm)": () =>
    wall(process.execPath, [CLI, "predict", "-i", "name=world"], { cwd: HELLO, env: { ...baseEnv, TSC_COG_CACHE_DIR: warmCache } }),
};
const probeTimes = Object.fromEntries(Object.keys(probes).map((name) => [name, []]));
const names = Object.keys(probes);
for (let round = 0; round < RUNS + 1; round++) {
  for (const name of names.map((_, i) => names[(i + round) % names.length])) {
    const { ms: took } = probes[name]();
    if (round > 0) probeTimes[name].push(took);
  }
}
const floor = median(probeTimes["node -e 0"]);
console.log(`## 1. Import costs (median of ${RUNS}, rotating order)\n`);
console.log("| command | median | minus `node -e 0` |\n|---|---|---|");
for (const name of names) console.log(`| ${name} | ${ms(median(probeTimes[name]))} | ${ms(median(probeTimes[name]) - floor)} |`);

// 2. The worker round trip, timed in a parent that only imports the runtime.
const roundTrip = `
import { performance } from "node:perf_hooks";
import { PredictorSession } from "@tsc-cog/runtime";
const t0 = performance.now();
const worker = PredictorSession.start({ ref: ${JSON.stringify(join(HELLO, "predict.ts"))}, cwd: ${JSON.stringify(HELLO)}, env: process.env });
await worker.load(); const t1 = performance.now();
await worker.setup(); const t2 = performance.now();
let output; for await (const event of worker.predict("bench", { name: "world" })) if (event.type === "succeeded") output = event.value;
const t3 = performance.now();
await worker.stop(); await worker.closeLogs(); const t4 = performance.now();
if (output !== "hello world") throw new Error("unexpected output " + output);
console.log(JSON.stringify({ spec: t1 - t0, setup: t2 - t1, predict: t3 - t2, stop: t4 - t3, total: t4 - t0 }));
`;
const trips = [];
for (let i = 0; i < RUNS; i++) {
  const { stdout } = wall(process.execPath, ["--input-type=module", "-e", roundTrip], {
    cwd: CLI_DIR,
    env: { ...baseEnv, TSC_COG_CACHE_DIR: warmCache },
  });
  trips.push(JSON.parse(stdout));
}
console.log(`\n## 2. Worker round trip seen by the parent (median of ${RUNS})\n`);
console.log("| fork → spec (worker boots, loads predictor) | setup | predict | shutdown → exit | total |\n|---|---|---|---|---|");
console.log(`| ${["spec", "setup", "predict", "stop", "total"].map((key) => ms(median(trips.map((t) => t[key])))).join(" | ")} |`);

// 3. Timestamped runs (no profiler), then profiled runs.
const hook = pathToFileURL(join(ROOT, "bench", "startup-profile-hook.mjs")).href;
function observe(command, commandArgs, cwd, extraEnv, cpu) {
  const dir = mkdtempSync(join(work, "profile-"));
  const env = {
    ...baseEnv,
    ...extraEnv,
    TSC_COG_STARTUP_PROFILE_DIR: dir,
    TSC_COG_STARTUP_PROFILE_CPU: cpu ? "1" : "0",
    NODE_OPTIONS: `--import=${hook}`,
  };
  const { stdout } = wall(command, commandArgs, { cwd, env });
  if (stdout !== EXPECTED) throw new Error(`unexpected output ${stdout}`);
  const processes = readProcesses(dir, cpu);
  rmSync(dir, { recursive: true, force: true });
  return processes;
}
const cliRun = (cpu) => observe(process.execPath, [CLI, "predict", "-i", "name=world"], HELLO, { TSC_COG_CACHE_DIR: warmCache }, cpu);
const baselineRun = (cpu) => observe(process.execPath, [baselineRunner], baselineDir, {}, cpu);
const timed = { runs: [], baselineRuns: [] };
const profiled = { runs: [], baselineRuns: [] };
for (let i = 0; i < RUNS; i++) {
  timed.runs.push(cliRun(false));
  timed.baselineRuns.push(baselineRun(false));
}
for (let i = 0; i < RUNS; i++) {
  profiled.runs.push(cliRun(true));
  profiled.baselineRuns.push(baselineRun(true));
}

function readProcesses(dir, cpu) {
  const processes = {};
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".json"))) {
    const meta = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const profile = cpu ? JSON.parse(readFileSync(join(dir, file.replace(/\.json$/, ".cpuprofile")), "utf8")) : undefined;
    processes[meta.role] = { ...meta, categories: profile ? selfTimeByCategory(profile) : {} };
  }
  return processes;
}

function selfTimeByCategory(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = {};
  for (let i = 0; i < profile.samples.length; i++) {
    const frame = nodes.get(profile.samples[i]).callFrame;
    const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const category = categoryOf(frame);
    totals[category] = (totals[category] ?? 0) + delta;
  }
  return totals;
}

function categoryOf({ url, functionName }) {
  if (!url) {
    if (functionName === "(idle)") return "(idle: waiting)";
    if (functionName === "(garbage collector)") return "(garbage collector)";
    if (functionName === "(program)") return "(program: V8 parse/compile, native)";
    return functionName || "(unknown)";
  }
  if (url.startsWith("node:internal/modules/esm")) return "node: ESM loader";
  if (url.startsWith("node:internal/modules")) return "node: module loader (CJS/resolve)";
  if (url.startsWith("node:internal/child_process") || url.startsWith("node:child_process")) return "node: child_process / IPC";
  if (url.startsWith("node:")) return "node: other internals";
  const pnpm = /node_modules\/\.pnpm\/((?:@[^+/]+\+)?[^@/]+)@/.exec(url);
  if (pnpm) return pnpm[1].replace("+", "/");
  const workspace = /\/packages\/([^/]+)\/dist\//.exec(url);
  if (workspace) return `@tsc-cog/${workspace[1]}`;
  if (url.includes("/bench/")) return "(profiler hook)";
  if (url.includes("warm-cache") || url.includes("predict.mjs") || url.includes("run.mjs")) return "the predictor";
  return "other";
}

function report(title, list, role) {
  const present = list.map((run) => run[role]).filter(Boolean);
  const categories = new Set(present.flatMap((run) => Object.keys(run.categories)));
  const rows = [...categories]
    .map((category) => [category, median(present.map((run) => run.categories[category] ?? 0))])
    .sort((a, b) => b[1] - a[1]);
  const total = median(present.map((run) => Object.values(run.categories).reduce((sum, x) => sum + x, 0)));
  console.log(`\n### ${title}: sampled time by package (median ms of ${present.length} runs; total sampled ${ms(total)})\n`);
  console.log("| where | self time |\n|---|---|");
  for (const [category, value] of rows.slice(0, TOP)) console.log(`| ${category} | ${ms(value)} |`);
}

function printTimeline(title, { runs, baselineRuns }) {
  console.log(`\n### ${title}\n`);
  const eventAt = (cli, what) => (cli.events.find((event) => event.what === what)?.at ?? Number.NaN) - cli.startAt;
  const timeline = runs.map(({ cli, worker }) => ({
    bootCli: cli.hookAt - cli.startAt,
    forkCalled: eventAt(cli, "fork"),
    specAt: eventAt(cli, "message spec"),
    setupAt: eventAt(cli, "message setup-done"),
    doneAt: eventAt(cli, "message done"),
    exitSeen: eventAt(cli, "worker exit seen"),
    bootWorker: worker.hookAt - worker.startAt,
    workerLife: worker.exitAt - worker.startAt,
    afterWorker: cli.exitAt - cli.startAt - eventAt(cli, "worker exit seen"),
    cliTotal: cli.exitAt - cli.startAt,
  }));
  const row = (label, key) => console.log(`| ${label} | ${ms(median(timeline.map((t) => t[key])))} |`);
  console.log("| step | median |\n|---|---|");
  console.log("| *timestamps from the CLI's process start (its clock):* | |");
  row("CLI: node bootstrap done, first user code runs", "bootCli");
  row("CLI calls fork() (after importing the CLI, yargs, runtime, SDK and parsing argv)", "forkCalled");
  row("worker's `spec` arrives (worker booted, loader registered, predictor imported)", "specAt");
  row("`setup-done` arrives", "setupAt");
  row("`done` (the output) arrives", "doneAt");
  row("worker exit seen by the CLI", "exitSeen");
  row("CLI exits", "cliTotal");
  console.log("| *durations (each process's own clock):* | |");
  row("worker: node bootstrap until user code", "bootWorker");
  row("worker: process start → exit", "workerLife");
  row("CLI: worker exit seen → CLI exit", "afterWorker");
  const baseline = (key) => ms(median(baselineRuns.map(({ baseline: b }) => key(b))));
  console.log(`| baseline: node bootstrap until user code | ${baseline((b) => b.hookAt - b.startAt)} |`);
  console.log(`| baseline: total (process start → exit) | ${baseline((b) => b.exitAt - b.startAt)} |`);
}

console.log(`\n## 3. Timeline of warm runs (median of ${RUNS})`);
printTimeline("Timestamps only (no profiler: close to a real run)", timed);
printTimeline("With the CPU profiler on (slower; the split below comes from these runs)", profiled);
report("CLI process", profiled.runs, "cli");
report("worker process", profiled.runs, "worker");
report("baseline process", profiled.baselineRuns, "baseline");
