import assert from "node:assert/strict";
import { once } from "node:events";
import { closeSync, mkdtempSync, openSync, rmdirSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { forkWorker } from "./fork-worker.js";

describe("a worker's output pipe", () => {
  it("is never read once closed: by then its descriptor's number may be another file's (a server's next connection)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsc-cog-fork-worker-"));
    const marker = join(dir, "marker");
    writeFileSync(marker, "the bytes of another descriptor\n");
    const forked = forkWorker(undefined, { cwd: dir, env: process.env });
    const seen: Buffer[] = [];
    forked.output.onData((bytes) => seen.push(bytes));
    const opened: number[] = [];
    try {
      // The pipe's descriptor is closed at once, its "close" event comes a turn later. Meanwhile the
      // lowest free numbers, its own among them, go to the next descriptors opened: here a file's.
      forked.output.close();
      for (let i = 0; i < 32; i++) opened.push(openSync(marker, "r"));
      // As a protocol message or the worker's exit does at that moment.
      forked.output.drain();
      assert.doesNotMatch(Buffer.concat(seen).toString(), /another descriptor/);
    } finally {
      for (const fd of opened) closeSync(fd);
      const exited = once(forked.child, "exit");
      forked.kill();
      await exited;
      unlinkSync(marker);
      rmdirSync(dir);
    }
  });
});
