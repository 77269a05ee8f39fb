// Ctrl-C (SIGINT to the CLI) while the predictor never finishes, while stdin is read and while an
// input is downloaded: exit 130 at once, the worker process gone, no temp or half-written files.
// (Ctrl-C during a streaming prediction and at the hidden prompt: test/src/predict/, test/src/secrets/.)
import assert from "node:assert/strict";
import { mkdirSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, it } from "node:test";
import { assertNoStack, isAlive, startCli, waitUntil } from "../support/cli.js";
import { fault, markedSteps, newMarker } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const CANCELLED = "cancelled: prediction cancelled\n";
/** What is left in a TMPDIR, less Node's own compile cache (Node ≥ 22 keeps it there; the CLI enables it). */
const leftIn = (tmp: string) => readdirSync(tmp).filter((name) => name !== "node-compile-cache");
const PIXEL = `data:image/png;base64,${Buffer.from("not really a png").toString("base64")}`;

describe("Ctrl-C", { concurrency: 4 }, () => {
  it("stops a predict() that never resolves: exit 130, the worker gone, nothing on stdout", async () => {
    const cli = startCli(["predict", fault("Hangs")]);
    const pid = Number((await cli.waitFor("stderr", /worker pid (\d+)\n/, 30_000))[1]);
    assert.ok(isAlive(pid));
    cli.child.kill("SIGINT");
    const run = await cli.result;
    assert.equal(run.code, 130);
    assert.equal(run.stderr, `worker pid ${pid}\n${CANCELLED}`);
    assert.equal(run.stdout, "");
    await waitUntil(() => !isAlive(pid), `worker ${pid} to be gone`, 10_000);
  });

  it("leaves no input temp files and no half-written -o output behind", async () => {
    const tmp = tempDir("tsc-cog-tmpdir-");
    const cwd = tempDir();
    mkdirSync(join(cwd, "out"));
    // The data URL is decoded into a temp file under TMPDIR; -o out/ collects the stream until it ends.
    const cli = startCli(["predict", fault("NeverResolves"), "-i", `file=${PIXEL}`, "-o", "out/"], { cwd, env: { TMPDIR: tmp } });
    const pid = Number((await cli.waitFor("stderr", /worker pid (\d+) file given\n/, 30_000))[1]);
    assert.equal(readdirSync(tmp).filter((name) => name.startsWith("tsc-cog-inputs-")).length, 1, "the decoded input exists while running");
    cli.child.kill("SIGINT");
    const run = await cli.result;
    assert.equal(run.code, 130);
    assert.ok(run.stderr.endsWith(CANCELLED), run.stderr);
    assertNoStack(run.stderr);
    await waitUntil(() => !isAlive(pid), `worker ${pid} to be gone`, 10_000);
    assert.deepEqual(readdirSync(join(cwd, "out")), [], "no output and no temp file in -o's folder");
    assert.deepEqual(readdirSync(cwd), ["out"]);
    assert.deepEqual(leftIn(tmp), [], "the input temp folder is removed");
  });

  it("stops the wait for a secret on stdin that never ends, before anything runs", async () => {
    const marker = newMarker();
    const cli = startCli(["predict", fault("StdinSecret"), "-i", "token=-"], { env: { TSC_COG_TEST_MARKER: marker }, keepStdinOpen: true });
    // The worker loads while stdin is read; once it has, the CLI is (or is about to be) blocked on stdin.
    await waitUntil(() => markedSteps(marker).includes("loaded"), "the predictor to load", 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    cli.child.kill("SIGINT");
    const run = await cli.result;
    assert.equal(run.code, 130, `exit ${run.code} ${run.signal}; stderr:\n${run.stderr}`);
    assert.equal(run.stderr, CANCELLED);
    assert.deepEqual(markedSteps(marker), ["loaded"], "neither setup() nor predict() ran");
  });

  it("stops a download of a file input that never completes, leaving no temp file", async () => {
    const requests: string[] = [];
    const server = createServer((request) => requests.push(request.url ?? "")); // never answers
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const tmp = tempDir("tsc-cog-tmpdir-");
    const marker = newMarker();
    try {
      const { port } = server.address() as AddressInfo;
      const cli = startCli(["predict", fault("NeverResolves"), "-i", `file=http://127.0.0.1:${port}/slow.png`], {
        env: { TMPDIR: tmp, TSC_COG_TEST_MARKER: marker },
      });
      await waitUntil(() => requests.length > 0, "the download to start", 30_000);
      cli.child.kill("SIGINT");
      const run = await cli.result;
      assert.equal(run.code, 130, run.stderr);
      assert.equal(run.stderr, CANCELLED);
      assert.deepEqual(requests, ["/slow.png"]);
      assert.deepEqual(markedSteps(marker), ["loaded"], "neither setup() nor predict() ran");
      assert.deepEqual(leftIn(tmp), []);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
