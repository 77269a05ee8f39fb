// Egresses of `tsc-cog predict` sealed by the prediction core (issues "One prediction core" and "Every
// egress sealed"): one ordered output stream scrubbed as one, nothing relayed before the run's secrets
// are registered, logs before output, real pipes, file names chosen by tsc-cog, problems reported together.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { assertNoLeaks, CANARY } from "../support/canary.js";
import { CLI_BIN, runCli, runProgram } from "../support/cli.js";
import { copyFixture } from "../support/project.js";
import { tempDir, writeFiles } from "../support/temp.js";

const MASK = "**********";

/** Runs `tsc-cog predict` in a fresh copy of the egress fixture, with the canary as the `token` input (from a file). */
async function predict(args: readonly string[], env: Readonly<Record<string, string>> = {}) {
  const dir = copyFixture("egress");
  writeFiles(dir, { "token.txt": CANARY });
  const result = await runCli(["predict", "-i", "token=@token.txt", ...args], { cwd: dir, env });
  return { ...result, dir };
}

describe("tsc-cog predict: every egress sealed", () => {
  it("shows what the predictor logged before it returned ahead of the output, every time (one pipe for both)", async () => {
    const dir = copyFixture("egress");
    for (let i = 0; i < 8; i++) {
      // stdout and stderr into one pipe, so their relative order is what the terminal would show.
      const result = await runProgram("sh", ["-c", `"${process.execPath}" "${CLI_BIN}" predict -i text=${i} 2>&1`], { cwd: dir });
      assert.equal(result.code, 0, result.stdout);
      assert.equal(result.stdout, `log line ${i}\nthe output ${i}\n`, `run ${i}`);
    }
  });

  for (const mode of ["split", "closed-pipe", "grandchild"]) {
    it(`scrubs a secret printed half on stdout, half on stderr (${mode}) as one stream`, async () => {
      const result = await predict(["-i", `mode=${mode}`]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(`${mode === "split" ? "split" : mode === "closed-pipe" ? "closed" : "grandchild"}: \\*{10} :end\\n`),
      );
      assertNoLeaks({ stdout: result.stdout, stderr: result.stderr }, [CANARY]);
    });
  }

  it("relays nothing the module printed while it loaded before the secret inputs are registered", async () => {
    const dir = copyFixture("egress");
    const result = await runCli(["predict", "-i", "token=env:THE_TOKEN"], {
      cwd: dir,
      env: { LEAK_AT_LOAD: "THE_TOKEN", THE_TOKEN: CANARY },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /loading with \*{10}\n/);
    assertNoLeaks({ stdout: result.stdout, stderr: result.stderr }, [CANARY]);
  });

  it("scrubs a secret with a quote in it from console.log of a string holding all three quote kinds", async () => {
    const token = "tsc-cog-CANARY-it's-quoted-42";
    const dir = copyFixture("egress");
    writeFiles(dir, { "token.txt": token });
    const result = await runCli(["predict", "-i", "token=@token.txt", "-i", "mode=inspect-quotes"], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "{ message: '\"double\" `back` **********' }\n");
    assertNoLeaks({ stdout: result.stdout, stderr: result.stderr }, [token, token.replace("'", "\\'")]);
  });

  it("lets the predictor write to /dev/stdout and /dev/stderr, scrubbed", async () => {
    const result = await predict(["-i", "mode=dev-stdout"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /via \/dev\/stdout \*{10}\nvia \/dev\/stderr\n/);
    assertNoLeaks({ stdout: result.stdout, stderr: result.stderr }, [CANARY]);
  });

  it("never names a written file after a secret in the returned file's name or extension", async () => {
    for (const [mode, token] of [
      ["named-file", "tsc-cog-CANARY-name-4d3c2b1a"],
      ["extension-file", "Canary0ext9Z"],
    ]) {
      const dir = copyFixture("egress");
      const out = tempDir();
      writeFiles(dir, { "token.txt": token });
      const result = await runCli(["predict", "-i", "token=@token.txt", "-i", `mode=${mode}`, "-o", `${out}/`], { cwd: dir });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(readdirSync(out), ["output"], mode);
      assert.match(result.stderr, new RegExp(`Written output to: ${out}/output\\n`));
      assertNoLeaks({ stdout: result.stdout, stderr: result.stderr, names: readdirSync(out).join("\n") }, [token]);
    }
  });

  it("writes returned files at any depth and shows where in the output", async () => {
    const result = await predict(["-i", "mode=nested-files"]);
    assert.equal(result.code, 0, result.stderr);
    const output = JSON.parse(result.stdout);
    assert.deepEqual(output, { report: { text: join(result.dir, "output.0.txt") }, list: [join(result.dir, "output.1.json")] });
    assert.equal(readFileSync(join(result.dir, "output.0.txt"), "utf8"), `a ${MASK}\n`);
  });

  it("reports problems of every kind together: unreadable files, unset variables and invalid values", async () => {
    const dir = copyFixture("egress");
    const result = await runCli(["predict", "-i", "token=env:TSC_COG_TEST_UNSET", "-i", "file=@missing.bin", "-i", "wait=soon"], {
      cwd: dir,
    });
    assert.equal(result.code, 2, result.stderr);
    assert.equal(
      result.stderr,
      "error: input validation failed:\n" +
        '- input "token": environment variable TSC_COG_TEST_UNSET is not set (export it, or pass the secret as @FILE or -)\n' +
        '- input "file": cannot read file missing.bin: no such file\n' +
        '- invalid input "wait": expected an integer, got "soon"\n',
    );
  });

  it("never quotes a malformed --json file", async () => {
    const dir = copyFixture("egress");
    writeFiles(dir, { "inputs.json": `{"token": "${CANARY.replaceAll('"', "")}", oops}` });
    const result = await runCli(["predict", "--json", "@inputs.json"], { cwd: dir });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error: --json @inputs\.json is not valid JSON: a syntax error at character \d+ \(its text is not shown\)\n$/,
    );
    assertNoLeaks({ stderr: result.stderr }, [CANARY.replaceAll('"', "")]);
  });
});
