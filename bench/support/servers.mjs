// Server subprocesses for the benchmarks that run whole servers (concurrent.mjs, memory.mjs): starting one
// and waiting for its port (and READY), reading the memory of its process tree from /proc, and stopping
// every one of them — also on Ctrl-C, an error or a watchdog — so that no worker outlives a benchmark.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every pid in the process tree under `root` (itself first), through /proc/<pid>/task/<tid>/children. */
export function treePids(root) {
  const pids = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift();
    pids.push(pid);
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // exited meanwhile
    }
    for (const tid of tasks) {
      try {
        for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ")) {
          if (child.trim()) queue.push(Number(child));
        }
      } catch {}
    }
  }
  return pids;
}

/**
 * One process's memory in MiB: VmRSS, and PSS (smaps_rollup: pages shared between processes — the node
 * binary of 16 workers — divided among them) when readable, else `undefined`.
 */
export function processMemory(pid) {
  const read = (file, pattern) => {
    try {
      const match = pattern.exec(readFileSync(`/proc/${pid}/${file}`, "utf8"));
      return match ? Number(match[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  };
  return { rss: read("status", /^VmRSS:\s+(\d+) kB/m) ?? 0, pss: read("smaps_rollup", /^Pss:\s+(\d+) kB/m) };
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The servers a benchmark started; each is `{ name, child, url, output }`. */
export class ServerProcesses {
  #live = new Set();

  constructor() {
    for (const signal of ["SIGINT", "SIGTERM"]) {
      process.once(signal, () => {
        this.killAll();
        process.exit(130);
      });
    }
  }

  /** Starts `node argv…` and resolves once `pattern` (its group 1: the port) shows on its output. */
  async start(name, argv, { cwd, env, pattern }) {
    const child = spawn(process.execPath, argv, { cwd, stdio: ["ignore", "pipe", "pipe"], env });
    const server = { name, child, url: undefined, output: "" };
    this.#live.add(server);
    const onData = (chunk) => {
      if (server.output.length < 64_000) server.output += chunk;
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    server.url = await new Promise((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s:\n${server.output}`)), 30_000);
      const check = () => {
        const match = pattern.exec(server.output);
        if (!match) return;
        clearTimeout(timer);
        child.stdout.off("data", check);
        child.stderr.off("data", check);
        resolveUrl(`http://127.0.0.1:${match[1]}`);
      };
      child.stdout.on("data", check);
      child.stderr.on("data", check);
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with ${code ?? signal}:\n${server.output}`));
      });
    });
    return server;
  }

  /** Polls `tsc-cog serve`'s /health-check until READY (60 s at most); SETUP_FAILED or DEFUNCT throw. */
  async ready(server) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const health = await (await fetch(`${server.url}/health-check`, { signal: AbortSignal.timeout(5_000) })).json();
      if (health.status === "READY") return server;
      if (health.status === "SETUP_FAILED" || health.status === "DEFUNCT") throw new Error(`${server.name}: ${JSON.stringify(health)}`);
      if (Date.now() > deadline) throw new Error(`${server.name} did not become READY within 60 s:\n${server.output}`);
      await sleep(100);
    }
  }

  /** SIGTERM the server (it stops its workers), SIGKILL after 10 s, then SIGKILL any worker left behind. */
  async stop(server) {
    if (!this.#live.has(server)) return;
    this.#live.delete(server);
    const pids = treePids(server.child.pid);
    if (server.child.exitCode === null && server.child.signalCode === null) {
      const exited = once(server.child, "exit").catch(() => {});
      server.child.kill("SIGTERM");
      const timer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await sleep(200);
    for (const pid of pids.slice(1)) if (alive(pid)) process.kill(pid, "SIGKILL");
  }

  /** Stops every server still running, one after another. */
  async stopAll() {
    for (const server of [...this.#live]) await this.stop(server);
  }

  /** Last resort (error, signal, watchdog): SIGKILL every tree started, synchronously. */
  killAll() {
    for (const server of this.#live) {
      for (const pid of treePids(server.child.pid).reverse()) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {}
      }
    }
    this.#live.clear();
  }
}
