import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { type HealthStatus, healthProbeCommand, PASSING_STATUSES } from "./probes.js";

const ALL: HealthStatus[] = ["STARTING", "READY", "BUSY", "UNHEALTHY", "SETUP_FAILED", "DEFUNCT"];

// A stand-in for /health-check that answers, with 200 as tsc-cog serve does, the status named by a
// variable the test sets; the probe's command runs for real, as the kubelet would run it.
let status = "READY";
let server: Server;
let port: number;
before(async () => {
  server = createServer((request, response) => {
    if (request.url !== "/health-check") return void response.writeHead(404).end();
    if (status === "HANG") return; // never answers
    response.writeHead(200, { "content-type": "application/json" }).end(status === "GARBAGE" ? "<html>" : JSON.stringify({ status }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

/** Runs a probe's command against the stand-in: its exit code and what it printed. */
function runProbe(passing: readonly HealthStatus[], answer: string, timeoutMs = 2000) {
  status = answer;
  const [command, ...args] = healthProbeCommand(port, passing, timeoutMs);
  // Asynchronous, so the stand-in in this process can answer while the probe runs.
  return new Promise<{ code: number | null; stdout: string }>((resolve) => {
    execFile(command, args, { timeout: 10_000 }, (error, stdout) => resolve({ code: error ? (error.code as number) : 0, stdout }));
  });
}

describe("the health probes", () => {
  for (const [probe, passing] of Object.entries(PASSING_STATUSES)) {
    for (const answer of ALL) {
      const passes = (passing as readonly string[]).includes(answer);
      it(`${probe} ${passes ? "passes" : "fails"} on ${answer}`, async () => {
        const { code, stdout } = await runProbe(passing, answer);
        assert.equal(code, passes ? 0 : 1, stdout);
        if (!passes) assert.equal(stdout, `health-check: ${answer}\n`);
      });
    }
  }
  it("readiness passes only when the server takes predictions", () => assert.deepEqual(PASSING_STATUSES.readiness, ["READY", "BUSY"]));
  it("liveness never fails a busy server, and fails a defunct one or one whose setup failed", () => {
    assert.ok((PASSING_STATUSES.liveness as readonly string[]).includes("BUSY"));
    for (const dead of ["DEFUNCT", "SETUP_FAILED"]) assert.ok(!(PASSING_STATUSES.liveness as readonly string[]).includes(dead));
  });
  it("fails when the server does not answer in time, saying so", async () => {
    const { code, stdout } = await runProbe(PASSING_STATUSES.liveness, "HANG", 300);
    assert.equal(code, 1);
    assert.match(stdout, /^health-check: .*(timeout|aborted)/i);
  });
  it("fails when the answer is not JSON", async () => {
    const { code } = await runProbe(PASSING_STATUSES.liveness, "GARBAGE");
    assert.equal(code, 1);
  });
  it("fails when nothing listens on the port", () => {
    const [command, ...args] = healthProbeCommand(1, PASSING_STATUSES.liveness, 2000);
    const run = spawnSync(command, args, { encoding: "utf8", timeout: 10_000 });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^health-check: fetch failed/);
  });
});
