// A prediction keeps at most 8 MiB of logs (memory is bounded per prediction): past that its logs end
// with a visible marker saying why, and the rest is in the server's log. Logs are complete or visibly
// cut, never silently.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { serverFixture } from "../support/project.js";
import { call, predict } from "./support/http.js";
import { type ServeProcess, startServe, stopAll } from "./support/serve-process.js";

const MIB = 1024 * 1024;
const MARKER = "\n[tsc-cog: logs truncated at 8 MiB; the rest went to the server's log]\n";
let server: ServeProcess;

describe("tsc-cog serve: a prediction's logs are capped at 8 MiB, visibly", { timeout: 120_000 }, () => {
  before(async () => {
    // test/fixtures/server/volume: LoudLogs prints `mib` MiB of numbered 1 KiB lines, then LAST-LOG-LINE.
    server = await startServe({ cwd: serverFixture("volume") });
  });
  after(stopAll);

  it("cuts 10 MiB of logs at 8 MiB with the marker; the server's log has the rest", async () => {
    const reply = await predict(server.url, { id: "loud", input: { mib: 10 } }, { timeoutMs: 60_000 });
    assert.equal(reply.status, 200);
    assert.equal(reply.json.status, "succeeded");
    assert.equal(reply.json.output, "done");
    const logs = String(reply.json.logs);
    assert.ok(logs.endsWith(MARKER), `the logs end with the marker: …${JSON.stringify(logs.slice(-200))}`);
    const kept = logs.slice(0, -MARKER.length);
    assert.equal(Buffer.byteLength(kept), 8 * MIB, "exactly 8 MiB kept (ASCII lines, cut between characters)");
    assert.ok(kept.startsWith(`0000000000 x`), "kept from the start");
    assert.ok(kept.includes(`\n${String(8 * 1024 - 1).padStart(10, "0")} x`), "every line up to 8 MiB");
    assert.ok(!logs.includes("LAST-LOG-LINE"), "nothing after the cut");
    assert.equal((await call("GET", `${server.url}/predictions/loud`)).json.logs, logs, "GET shows the same logs");
    const deadline = Date.now() + 15_000;
    while (!server.stderr().includes("LAST-LOG-LINE") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    assert.ok(server.stderr().includes("LAST-LOG-LINE"), "the server's log has what was cut");
  });

  it("keeps logs under the cap whole, without a marker", async () => {
    const reply = await predict(server.url, { input: { mib: 1 } }, { timeoutMs: 60_000 });
    assert.equal(reply.json.status, "succeeded");
    const logs = String(reply.json.logs);
    assert.ok(logs.endsWith(`${String(1023).padStart(10, "0")} ${"x".repeat(1012)}\nLAST-LOG-LINE\n`));
    assert.equal(Buffer.byteLength(logs), MIB + "LAST-LOG-LINE\n".length);
    assert.ok(!logs.includes("[tsc-cog: logs truncated"));
  });
});
