// CLI start-up vs plain node running the same predictor precompiled (DESIGN §9: ≤ 2× with the compile
// cache warm; the cold-cache ratio is reported too). Not a test: it prints numbers, it asserts nothing.
//
//   npx pnpm run build && node bench/startup.mjs [--runs 40] [--warmup 3] [--node /path/to/node] [--json] [--hyperfine]
//     [--before /other/checkout/packages/cli/bin/tsc-cog.js]
//
// Four commands, run in a different (rotating) order in every round, each timed from spawn to exit:
//   node      `node -e 0`: the floor, what any Node program pays.
//   baseline  plain node: a 6-line .mjs that imports the hello predictor exactly as the loader compiled
//             it (taken from the compile cache), imports @tsc-cog/sdk through it, runs setup() and
//             predict("world") and prints "hello world". No CLI, no worker, no swc.
//   warm      `tsc-cog predict -i name=world` in examples/hello, compile cache already filled.
//   cold      the same with TSC_COG_CACHE_DIR pointing at a fresh empty folder every run (swc loads).
// The CLI is run as `node packages/cli/bin/tsc-cog.js …` — what the node_modules/.bin/tsc-cog shell shim
// execs — so the shim's own `sh` start (a few ms) is not counted. Every run's stdout is checked.
// --before adds a fifth command, "before": the same warm run by another build of tsc-cog (e.g. a checkout of
// an older commit, built), in the same rounds — a change measured side by side with what it replaced.
// --hyperfine also runs hyperfine (if installed) on the same four commands afterwards, as a cross-check
// (it reports means, and user/system CPU including the worker process).
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { prepareStartupBench } from "./startup-fixture.mjs";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "40" },
    warmup: { type: "string", default: "3" },
    node: { type: "string", default: process.execPath },
    json: { type: "boolean", default: false },
    hyperfine: { type: "boolean", default: false },
    before: { type: "string" },
  },
});
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const NODE = args.node;
const { work, baseEnv, warmCache, baselineRunner, baselineDir, HELLO, CLI, EXPECTED } = prepareStartupBench(NODE);

/** Runs one command to the end; returns its wall time in ms, after checking its output. */
function timed(label, command, commandArgs, options) {
  const started = performance.now();
  const result = spawnSync(command, commandArgs, { ...options, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 60_000 });
  const ms = performance.now() - started;
  const expected = label === "node" ? "" : EXPECTED;
  if (result.status !== 0 || result.stdout !== expected) {
    throw new Error(`${label}: exit ${result.status}, stdout ${JSON.stringify(result.stdout)}, stderr:\n${result.stderr}`);
  }
  return ms;
}

let coldCount = 0;
const commands = {
  node: () => timed("node", NODE, ["-e", "0"], { env: baseEnv }),
  baseline: () => timed("baseline", NODE, [baselineRunner], { cwd: baselineDir, env: baseEnv }),
  warm: () => timed("warm", NODE, [CLI, "predict", "-i", "name=world"], { cwd: HELLO, env: { ...baseEnv, TSC_COG_CACHE_DIR: warmCache } }),
  cold: () => {
    const cache = join(work, `cold-${coldCount++}`);
    try {
      return timed("cold", NODE, [CLI, "predict", "-i", "name=world"], { cwd: HELLO, env: { ...baseEnv, TSC_COG_CACHE_DIR: cache } });
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  },
};
if (args.before !== undefined) {
  // Its own warm cache: another build may compile differently (its loader's code is in the cache key).
  const beforeCache = join(work, "before-cache");
  const env = { ...baseEnv, TSC_COG_CACHE_DIR: beforeCache };
  spawnSync(NODE, [args.before, "predict", "-i", "name=world"], { cwd: HELLO, env, stdio: "ignore", timeout: 60_000 });
  commands.before = () => timed("before", NODE, [args.before, "predict", "-i", "name=world"], { cwd: HELLO, env });
}
const names = Object.keys(commands);
const samples = Object.fromEntries(names.map((name) => [name, []]));
const loadBefore = loadavg();
for (let round = 0; round < WARMUP + RUNS; round++) {
  // Rotate the order every round, so that no command always follows the same one.
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const name of order) {
    const ms = commands[name]();
    if (round >= WARMUP) samples[name].push(ms);
  }
}
const loadAfter = loadavg();

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
const stats = Object.fromEntries(
  names.map((name) => {
    const sorted = [...samples[name]].sort((a, b) => a - b);
    const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
    return [name, { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), mean, min: sorted[0], max: sorted.at(-1) }];
  }),
);
const ratio = (name, key) => stats[name][key] / stats.baseline[key];
const report = {
  node: spawnSync(NODE, ["--version"], { encoding: "utf8" }).stdout.trim(),
  cpus: cpus().length,
  loadavg: { before: loadBefore.map((x) => +x.toFixed(2)), after: loadAfter.map((x) => +x.toFixed(2)) },
  runs: RUNS,
  warmup: WARMUP,
  stats,
  ratios: {
    warm: { median: ratio("warm", "median"), p90: ratio("warm", "p90") },
    cold: { median: ratio("cold", "median"), p90: ratio("cold", "p90") },
    ...(stats.before ? { before: { median: ratio("before", "median"), p90: ratio("before", "p90") } } : {}),
  },
};

if (args.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const ms = (x) => `${x.toFixed(1)} ms`;
  console.log(`Node ${report.node}, ${report.cpus} CPUs, load average ${loadBefore[0].toFixed(2)} → ${loadAfter[0].toFixed(2)}`);
  console.log(`${RUNS} rounds (+${WARMUP} warm-up), each command once per round in rotating order\n`);
  console.log("| command | median | p90 | mean | min | median ÷ baseline | p90 ÷ baseline |");
  console.log("|---|---|---|---|---|---|---|");
  for (const name of names) {
    const s = stats[name];
    console.log(
      `| ${name} | ${ms(s.median)} | ${ms(s.p90)} | ${ms(s.mean)} | ${ms(s.min)} | ${ratio(name, "median").toFixed(2)}× | ${ratio(name, "p90").toFixed(2)}× |`,
    );
  }
  console.log(
    `(ratios of the fastest runs, least disturbed by other load: warm ${(stats.warm.min / stats.baseline.min).toFixed(2)}×, cold ${(stats.cold.min / stats.baseline.min).toFixed(2)}×)`,
  );
  const verdict = report.ratios.warm.median <= 2 ? "meets" : "misses";
  console.log(`\nwarm cache: ${report.ratios.warm.median.toFixed(2)}× the baseline (median) — ${verdict} the ≤ 2× target`);
  console.log(`cold cache: ${report.ratios.cold.median.toFixed(2)}× the baseline (median)`);
  if (stats.before) console.log(`before (${args.before}): ${report.ratios.before.median.toFixed(2)}× the baseline (median)`);
}

if (args.hyperfine) {
  const coldCache = join(work, "hyperfine-cold");
  const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);
  const env = (cache) => `env TSC_COG_CACHE_DIR=${quote(cache)}`;
  const cli = `${quote(NODE)} ${quote(CLI)} predict -i name=world`;
  const hyperfineArgs = [
    "-N",
    "--warmup",
    String(WARMUP),
    "--runs",
    String(RUNS),
    "--command-name",
    "baseline",
    `${quote(NODE)} ${quote(baselineRunner)}`,
    "--command-name",
    "warm",
    `${env(warmCache)} ${cli}`,
    "--prepare",
    `rm -rf ${quote(coldCache)}`,
    "--command-name",
    "cold",
    `${env(coldCache)} ${cli}`,
  ];
  // --prepare applies to every command given after it only in hyperfine ≥ 1.16; with older versions it
  // applies to all of them, which is harmless for baseline and warm (it removes another folder).
  console.log(`\nhyperfine ${hyperfineArgs.map(quote).join(" ")}\n`);
  const result = spawnSync("hyperfine", hyperfineArgs, { cwd: HELLO, env: baseEnv, stdio: "inherit" });
  if (result.error) console.log(`hyperfine not run: ${result.error.message}`);
}
