// Loaded with `--import` (through NODE_OPTIONS, so the CLI's worker gets it too) by
// bench/startup-profile.mjs: samples this process with V8's CPU profiler from this point to exit, and
// writes `<pid>.cpuprofile` and `<pid>.json` (role, wall-clock start/hook/exit, events) into
// $TSC_COG_STARTUP_PROFILE_DIR. (`--cpu-prof` itself is not allowed in NODE_OPTIONS.) In the CLI it also
// wraps child_process.fork (made visible to ESM imports by syncBuiltinESMExports) to timestamp the fork
// and each protocol message the worker sends; nothing else changes.
import childProcess from "node:child_process";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { syncBuiltinESMExports } from "node:module";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const dir = process.env.TSC_COG_STARTUP_PROFILE_DIR;
if (dir) {
  const now = () => performance.timeOrigin + performance.now();
  const hookAt = now();
  // TSC_COG_STARTUP_PROFILE_CPU=0 keeps only the timestamps: the profiler slows a run down a lot.
  const sampling = process.env.TSC_COG_STARTUP_PROFILE_CPU !== "0";
  const session = new Session();
  if (sampling) {
    session.connect();
    // Same-thread inspector sessions answer synchronously, so everything below also works in 'exit'.
    session.post("Profiler.enable");
    session.post("Profiler.setSamplingInterval", { interval: Number(process.env.TSC_COG_STARTUP_PROFILE_INTERVAL ?? 200) });
    session.post("Profiler.start");
  }
  const events = [];
  const fork = childProcess.fork;
  childProcess.fork = function timedFork(...forkArgs) {
    events.push({ at: now(), what: "fork" });
    const child = fork.apply(this, forkArgs);
    child.on("message", (message) => events.push({ at: now(), what: `message ${message?.type}` }));
    child.on("exit", () => events.push({ at: now(), what: "worker exit seen" }));
    return child;
  };
  syncBuiltinESMExports();
  const role = process.argv.some((arg) => arg.endsWith("worker-main.js"))
    ? "worker"
    : process.argv[1]?.endsWith("tsc-cog.js")
      ? "cli"
      : "baseline";
  const writeMeta = (exitAt) =>
    writeFileSync(
      join(dir, `${process.pid}.json`),
      JSON.stringify({ pid: process.pid, ppid: process.ppid, role, startAt: performance.timeOrigin, hookAt, exitAt, events }),
    );
  process.on("exit", () => {
    const exitAt = now();
    if (!sampling) return writeMeta(exitAt);
    session.post("Profiler.stop", (error, result) => {
      if (error) return;
      writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
      writeMeta(exitAt);
    });
  });
}
