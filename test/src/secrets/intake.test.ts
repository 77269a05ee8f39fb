// Secret inputs reach predict() from a file, an environment variable or stdin without ever being on
// the command line; a literal still works but warns; mistakes stop the run (exit 2) before setup.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fingerprint } from "../support/canary.js";
import { homeEnv, runCli } from "../support/cli.js";
import { copyFixture } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const SECRET = 'tsc-cog-CANARY-intake-31d2+/=&?"\\é';

function project() {
  const dir = copyFixture("secrets", "intake");
  const marker = join(dir, "setup-ran");
  return { dir, marker, env: homeEnv(join(dir, ".home"), { RAN_MARKER: marker }) };
}

describe("secret input intake", { concurrency: 2 }, () => {
  test("@FILE gives the file's text less one trailing newline", async () => {
    const { dir, env } = project();
    writeFileSync(join(dir, "token.txt"), `${SECRET}\n\n`);
    const run = await runCli(["predict", "-i", "token=@token.txt"], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    // Only one of the two newlines is dropped.
    assert.equal(run.stdout, `token=${fingerprint(`${SECRET}\n`)} text=x\n`);
    assert.doesNotMatch(run.stderr, /warning/);
  });

  test("@FILE drops a trailing CRLF as one newline", async () => {
    const { dir, env } = project();
    writeFileSync(join(dir, "token.txt"), `${SECRET}\r\n`);
    const run = await runCli(["predict", "-i", "token=@token.txt"], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `token=${fingerprint(SECRET)} text=x\n`);
  });

  test("env:VAR gives the variable's value, unchanged", async () => {
    const { dir, env } = project();
    const run = await runCli(["predict", "-i", "token=env:MY_TOKEN"], { cwd: dir, env: { ...env, MY_TOKEN: `${SECRET}\n` } });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `token=${fingerprint(`${SECRET}\n`)} text=x\n`);
    assert.doesNotMatch(run.stderr, /warning/);
  });

  test("- reads the secret from stdin, less one trailing newline", async () => {
    const { dir, env } = project();
    const run = await runCli(["predict", "-i", "token=-"], { cwd: dir, env, stdin: `${SECRET}\n` });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `token=${fingerprint(SECRET)} text=x\n`);
  });

  test("--json inputs take the same forms", async () => {
    const { dir, env } = project();
    writeFileSync(join(dir, "second.txt"), "second-secret-value\n");
    const json = JSON.stringify({ token: "env:MY_TOKEN", second: "@second.txt" });
    const run = await runCli(["predict", "--json", json], { cwd: dir, env: { ...env, MY_TOKEN: SECRET } });
    assert.equal(run.code, 0, run.stderr);
    const envelope = JSON.parse(run.stdout);
    assert.equal(envelope.output, `token=${fingerprint(SECRET)} text=x second=${fingerprint("second-secret-value")}`);
    assert.equal(envelope.input.token, "**********");
  });

  test("a literal secret works but warns, naming the safer forms", async () => {
    const { dir, env } = project();
    const run = await runCli(["predict", "-i", `token=${SECRET}`], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `token=${fingerprint(SECRET)} text=x\n`);
    assert.match(run.stderr, /warning: secret input "token" was given on the command line/);
    assert.match(run.stderr, /shell history and process listings/);
    assert.match(run.stderr, /@FILE, env:NAME or - \(stdin\)/);
    assert.ok(!run.stderr.includes(SECRET), "the warning repeats the value");
  });

  test("the literal warning is shown even when the run then stops on another input", async () => {
    const { dir, env } = project();
    const run = await runCli(["predict", "-i", `token=${SECRET}`, "-i", "second=env:UNSET_VARIABLE_X"], { cwd: dir, env });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /environment variable UNSET_VARIABLE_X is not set/);
    assert.match(run.stderr, /warning: secret input "token" was given on the command line/);
    assert.ok(!run.stderr.includes(SECRET), "the warning repeats the value");
  });

  test("two inputs reading stdin is an error, exit 2, and nothing runs", async () => {
    const { dir, env, marker } = project();
    const run = await runCli(["predict", "-i", "token=-", "-i", "second=-"], { cwd: dir, env, stdin: "one\n" });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /error: input "second" and input "token" both read standard input; only one input can come from stdin/);
    assert.equal(run.stdout, "");
    assert.equal(existsSync(marker), false, "setup ran");
  });

  test("--json from stdin and a secret from stdin is the same error", async () => {
    const { dir, env, marker } = project();
    const run = await runCli(["predict", "--json", "@-"], { cwd: dir, env, stdin: JSON.stringify({ token: "-" }) });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /both read standard input/);
    assert.equal(existsSync(marker), false, "setup ran");
  });

  test("an unset env: variable names the input and the variable, exit 2, nothing runs", async () => {
    const { dir, env, marker } = project();
    const run = await runCli(["predict", "-i", "token=env:NOT_SET_ANYWHERE"], { cwd: dir, env });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^error: input "token": environment variable NOT_SET_ANYWHERE is not set/m);
    assert.equal(existsSync(marker), false, "setup ran");
  });

  test("a missing or unreadable @FILE names the input and the file, never its content, exit 2", async () => {
    const { dir, env, marker } = project();
    const missing = await runCli(["predict", "-i", "token=@nope.txt"], { cwd: dir, env });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^error: input "token": cannot read file nope\.txt: no such file/m);
    // A folder cannot be read as text (a chmod 000 file would be readable to root, which CI may be).
    mkdirSync(join(dir, "folder"));
    const folder = await runCli(["predict", "-i", "token=@folder"], { cwd: dir, env });
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /^error: input "token": cannot read file folder: it is a directory/m);
    assert.equal(existsSync(marker), false, "setup ran");
  });

  test("without a terminal, a missing required secret names the ways to give it", async () => {
    const { dir, env, marker } = project();
    const run = await runCli(["predict"], { cwd: dir, env });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /missing required secret input "token"; give it as -i token=@FILE, -i token=env:NAME or -i token=- \(stdin\)/);
    assert.equal(existsSync(marker), false, "setup ran");
  });

  test("the value never appears in the error when the input is invalid", async () => {
    const home = tempDir("tsc-cog-home-");
    const { dir } = project();
    writeFileSync(join(dir, "token.txt"), SECRET);
    const run = await runCli(["predict", "-i", "token=@token.txt", "-i", "nope=1"], { cwd: dir, env: homeEnv(home) });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown input "nope"/);
    assert.ok(!run.stderr.includes(SECRET));
  });
});
