// Large and hostile bytes through the CLI: a 50 MiB string output arrives intact (on stdout and in
// an -o file, scrubbed by the redactor), and invalid UTF-8 and 10 MiB lines written by the predictor
// to its stdout and stderr are relayed without a crash, every valid byte intact.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../support/cli.js";
import { fault } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const MIB = 1024 * 1024;
const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");
/** What the HugeOutput fixture says it returned: `sha256 <hex> bytes <n> …`. */
const reported = (stderr: string) => {
  const match = /sha256 ([0-9a-f]{64}) bytes (\d+)/.exec(stderr);
  assert.ok(match, `no digest line in stderr:\n${stderr.slice(0, 2000)}`);
  return { sha256: match[1], bytes: Number(match[2]) };
};

describe("a 50 MiB string output", { concurrency: 2 }, () => {
  it("is printed intact on stdout, followed by one newline", async () => {
    const run = await runCli(["predict", fault("HugeOutput")], { timeoutMs: 120_000 });
    assert.equal(run.code, 0, run.stderr);
    const digest = reported(run.stderr);
    assert.equal(digest.bytes, 50 * MIB);
    assert.equal(run.stdoutBytes.length, 50 * MIB + 1);
    assert.equal(run.stdoutBytes.at(-1), 0x0a);
    assert.equal(sha256(run.stdoutBytes.subarray(0, -1)), digest.sha256);
  });

  it("is written intact to an -o file through the redactor (a secret registered), with no temp file left", async () => {
    const dir = tempDir();
    const run = await runCli(["predict", fault("HugeOutput"), "-i", "token=env:TOKEN", "-o", "out.txt"], {
      cwd: dir,
      env: { TOKEN: "a-secret-that-is-not-in-the-output" },
      timeoutMs: 120_000,
    });
    assert.equal(run.code, 0, run.stderr);
    const digest = reported(run.stderr);
    const written = readFileSync(join(dir, "out.txt"));
    assert.equal(written.length, 50 * MIB + 1);
    assert.equal(sha256(written.subarray(0, -1)), digest.sha256);
    assert.deepEqual(readdirSync(dir), ["out.txt"]);
    assert.equal(run.stdoutBytes.length, 0);
  });
});

describe("invalid UTF-8 and very long lines in the predictor's logs", { concurrency: 2 }, () => {
  const check = (stderr: Buffer, long: string) => {
    // The predictor's stdout and stderr both reach the CLI's stderr, each byte for byte.
    assert.ok(stderr.includes(Buffer.from([0x6f, 0x75, 0x74, 0x3a, 0xff, 0xfe, 0x20, 0xc3, 0x28, 0x0a])), "stdout's invalid bytes");
    assert.ok(stderr.includes(Buffer.from([0x65, 0x72, 0x72, 0x3a, 0xed, 0xa0, 0x80, 0x20, 0xc3, 0x0a])), "stderr's invalid bytes");
    const line = Buffer.from(`${"L".repeat(10 * MIB)}\nEND-OF-LOGS ${long}\n`);
    assert.ok(stderr.includes(line), `the 10 MiB ${long} line, whole`);
    // A truncated character at the very end of a pipe is flushed when it closes, not lost.
    assert.ok(stderr.includes(Buffer.concat([line, Buffer.from([0x7a, 0xf0, 0x9f])])));
  };

  for (const long of ["stdout", "stderr"]) {
    it(`are relayed byte for byte (the long line on ${long}) and the prediction succeeds`, async () => {
      const run = await runCli(["predict", fault("HostileLogs"), "-i", `long=${long}`], { timeoutMs: 60_000 });
      assert.equal(run.code, 0, run.stderr.slice(0, 2000));
      assert.equal(run.stdout, "survived\n");
      check(run.stderrBytes, long);
    });
  }

  it("are relayed the same way through the redactor, which still scrubs a secret among them", async () => {
    const secret = "hostile-logs-secret-3141";
    const run = await runCli(["predict", fault("HostileLogs"), "-i", "token=env:TOKEN"], {
      env: { TOKEN: secret },
      timeoutMs: 60_000,
    });
    assert.equal(run.code, 0, run.stderr.slice(0, 2000));
    assert.equal(run.stdout, "survived\n");
    check(run.stderrBytes, "stdout");
    assert.ok(run.stderrBytes.includes("token=**********\n"));
    assert.ok(!run.stderrBytes.includes(secret));
  });

  it("are kept in --json's logs as text, with invalid bytes as U+FFFD", async () => {
    const run = await runCli(["predict", fault("HostileLogs"), "--json", "{}"], { timeoutMs: 60_000 });
    assert.equal(run.code, 0, run.stderr.slice(0, 2000));
    const envelope = JSON.parse(run.stdout);
    assert.equal(envelope.status, "succeeded");
    assert.equal(envelope.output, "survived");
    assert.ok(envelope.logs.includes("out:\ufffd\ufffd \ufffd(\n"), "invalid bytes replaced, valid text kept");
    assert.ok(envelope.logs.includes("L".repeat(MIB)));
  });
});
