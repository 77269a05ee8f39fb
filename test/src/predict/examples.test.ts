import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli, startCli } from "../support/cli.js";
import { EXAMPLES } from "../support/project.js";
import { copyToTemp, tempDir } from "../support/temp.js";

const example = (name: string) => copyToTemp(join(EXAMPLES, name), `tsc-cog-example-${name}-`);

describe("every example runs with its expected output", { concurrency: 4 }, () => {
  it("hello greets by name", async () => {
    const run = await runCli(["predict", "-i", "name=world"], { cwd: example("hello") });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "hello world\n");
    assert.equal(run.stderr, "");
  });

  it("secret-signer signs with the key read from @file, and its debug line shows the key masked", async () => {
    const dir = example("secret-signer");
    const key = "tsc-cog-example-key-7Hq2";
    writeFileSync(join(dir, ".key"), `${key}\n`); // one trailing newline is dropped from a secret @file
    const run = await runCli(["predict", "-i", "text=hello", "-i", "key=@.key"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const expected = createHmac("sha256", key).update("hello").digest("hex");
    assert.equal(run.stdout, `hello.${expected}\n`);
    assert.match(run.stderr, /signing 5 characters with key \*{10}\n/);
    assert.ok(!run.stderr.includes(key) && !run.stdout.includes(key));
  });

  it("secret-signer's base64url encoding choice is used", async () => {
    const dir = example("secret-signer");
    writeFileSync(join(dir, ".key"), "another-signing-key");
    const run = await runCli(["predict", "-i", "text=abc", "-i", "key=@.key", "-i", "encoding=base64url"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `abc.${createHmac("sha256", "another-signing-key").update("abc").digest("base64url")}\n`);
  });

  it("file-stats reports a file given as @file as 2-space JSON", async () => {
    const dir = example("file-stats");
    writeFileSync(join(dir, "words.txt"), "The cat saw the dog\nthe end\n");
    const run = await runCli(["predict", "-i", "file=@words.txt"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${JSON.stringify({ name: "words.txt", bytes: 28, lines: 2, words: 7, top_word: "the" }, null, 2)}\n`);
  });

  it("file-stats honours ignore_case=false", async () => {
    const dir = example("file-stats");
    writeFileSync(join(dir, "words.txt"), "B b A a A");
    const run = await runCli(["predict", "-i", "file=@words.txt", "-i", "ignore_case=false"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { name: "words.txt", bytes: 9, lines: 1, words: 5, top_word: "A" });
  });

  it("kitchen-sink writes its Path output to the -o file, with the secret masked inside", async () => {
    const dir = example("kitchen-sink");
    const token = "kitchen-sink-token-1234";
    writeFileSync(join(dir, "token.txt"), token);
    writeFileSync(join(dir, "notes.txt"), "some notes");
    const out = join(tempDir(), "report.json");
    const run = await runCli(
      [
        "predict",
        "-i",
        "prompt=hi there",
        "-i",
        "api_token=@token.txt",
        "-i",
        "notes=@notes.txt",
        "-i",
        "tags=a",
        "-i",
        "tags=b",
        "-o",
        out,
      ],
      { cwd: dir },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, new RegExp(`Written output to: ${out.replaceAll("/", "\\/")}\\n`));
    const report = JSON.parse(readFileSync(out, "utf8"));
    assert.equal(report.prompt, "hi there");
    assert.equal(report.steps, 3);
    assert.deepEqual(report.tags, ["a", "b"]);
    assert.deepEqual(report.weights, [1, 2, 3]);
    assert.equal(report.notes, "some notes");
    assert.equal(report.api_token, "**********");
    assert.equal(report.token_length_ok, true);
    assert.equal(report.backup_token, null);
    assert.equal(report.seed, null);
  });

  it("kitchen-sink rejects an invalid email through its class-validator decorator (exit 2)", async () => {
    const dir = example("kitchen-sink");
    writeFileSync(join(dir, "token.txt"), "kitchen-sink-token-1234");
    const run = await runCli(["predict", "-i", "prompt=hi", "-i", "api_token=@token.txt", "-i", "email=not-an-email"], { cwd: dir });
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stderr, 'error: invalid input "email": email must be an email\n');
    assert.equal(run.stdout, "");
  });

  it("streaming prints the chunks as they come and one final newline", async () => {
    const run = await runCli(["predict", "-i", "text=one two  three", "-i", "delay_ms=0"], { cwd: example("streaming") });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "one two  three\n");
  });

  it("streaming prints each chunk while the prediction is still running", async () => {
    const cli = startCli(["predict", "-i", "text=first second", "-i", "delay_ms=800"], { cwd: example("streaming") });
    await cli.waitFor("stdout", /first/, 20_000);
    assert.equal(cli.child.exitCode, null, "the CLI is still running when the first chunk is shown");
    assert.doesNotMatch(cli.output().stdout, /second/);
    const run = await cli.result;
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "first second\n");
  });
});
