// How outputs are presented (DESIGN §7, §7b): strings, JSON, files, streams, -o, the --json envelope.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { type CliOptions, type CliResult, runCli } from "../support/cli.js";
import { EXAMPLES, predictFixture } from "../support/project.js";
import { tempDir, unwritableFolders } from "../support/temp.js";

const behaviour = (name: string) => predictFixture("behaviour", name);

async function run(args: readonly string[], options: CliOptions = {}): Promise<CliResult & { cwd: string }> {
  const cwd = options.cwd ?? tempDir("tsc-cog-out-");
  const result = await runCli(["predict", ...args], { ...options, cwd });
  return { ...result, cwd };
}

const ok = (result: CliResult) => assert.equal(result.code, 0, `exit ${result.code}; stderr:\n${result.stderr}`);
const written = (path: string) => `Written output to: ${path}\n`;

describe("outputs on the terminal", { concurrency: 4 }, () => {
  it("prints a string output as is, plus one newline, on stdout only", async () => {
    const result = await run(["-i", "name=a  b"], { cwd: join(EXAMPLES, "hello") });
    ok(result);
    assert.equal(result.stdout, "hello a  b\n");
    assert.equal(result.stderr, "");
  });

  it("prints other values as 2-space JSON", async () => {
    const result = await run([behaviour("Structured")]);
    ok(result);
    assert.equal(result.stdout, `${JSON.stringify({ n: 1, list: ["x", null], nested: { ok: true } }, null, 2)}\n`);
  });

  it("says No output generated on stderr for null, and exits 0", async () => {
    const result = await run([behaviour("Nothing")]);
    ok(result);
    assert.equal(result.stdout, "");
    assert.equal(result.stderr, "No output generated\n");
  });

  it("prints an iterator of strings one item per line", async () => {
    const result = await run([behaviour("Words")]);
    ok(result);
    assert.equal(result.stdout, "one\ntwo words\n");
  });

  it("prints a concatenate iterator's chunks raw, then one newline", async () => {
    const result = await run([behaviour("Chunks")]);
    ok(result);
    assert.equal(result.stdout, "abcd ef\n");
  });

  it("prints an iterator of other values one JSON value per line", async () => {
    const result = await run([behaviour("Values")]);
    ok(result);
    assert.equal(result.stdout, '1\n{"a":[2,3]}\n');
  });
});

describe("Path outputs and -o", { concurrency: 4 }, () => {
  it("writes a returned Path (without @Output) to output.<ext> in the current folder", async () => {
    const result = await run([behaviour("OnePath")]);
    ok(result);
    const file = join(result.cwd, "output.txt");
    assert.equal(readFileSync(file, "utf8"), "file body\n");
    assert.equal(result.stderr, written(file));
    assert.equal(result.stdout, "");
    const png = await run([behaviour("OnePath"), "-i", "ext=.png"]);
    ok(png);
    assert.ok(existsSync(join(png.cwd, "output.png")));
  });

  it("writes a list of Paths to output.0.ext, output.1.ext", async () => {
    const result = await run([behaviour("ManyPaths")]);
    ok(result);
    const files = [0, 1].map((i) => join(result.cwd, `output.${i}.png`));
    assert.deepEqual(
      files.map((file) => readFileSync(file, "utf8")),
      ["png 0", "png 1"],
    );
    assert.equal(result.stderr, files.map(written).join(""));
  });

  it("-o FILE names the file; for a list, FILE's stem gets .0, .1", async () => {
    const dir = tempDir();
    const one = await run([behaviour("OnePath"), "-o", join(dir, "result.txt")]);
    ok(one);
    assert.equal(readFileSync(join(dir, "result.txt"), "utf8"), "file body\n");
    const many = await run([behaviour("ManyPaths"), "-o", join(dir, "frame.png")]);
    ok(many);
    assert.deepEqual(readdirSync(dir).sort(), ["frame.0.png", "frame.1.png", "result.txt"]);
  });

  it("-o DIR writes DIR/output.<ext> (also for a relative DIR/)", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "out"));
    const result = await run([behaviour("OnePath"), "-o", "out/"], { cwd });
    ok(result);
    assert.equal(readFileSync(join(cwd, "out", "output.txt"), "utf8"), "file body\n");
    assert.equal(result.stderr, written(join(cwd, "out", "output.txt")));
  });

  it("-o FILE receives a string output instead of stdout", async () => {
    const out = join(tempDir(), "greeting.txt");
    const result = await run(["-i", "name=file", "-o", out], { cwd: join(EXAMPLES, "hello") });
    ok(result);
    assert.equal(result.stdout, "");
    assert.equal(readFileSync(out, "utf8"), "hello file\n");
    assert.equal(result.stderr, written(out));
  });

  it("-o FILE receives a concatenate iterator as one text, and other iterators as a JSON list", async () => {
    const dir = tempDir();
    ok(await run([behaviour("Chunks"), "-o", join(dir, "chunks.txt")]));
    assert.equal(readFileSync(join(dir, "chunks.txt"), "utf8"), "abcd ef\n");
    ok(await run([behaviour("Words"), "-o", join(dir, "words.json")]));
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "words.json"), "utf8")), ["one", "two words"]);
  });

  it("a missing -o folder is reported before predicting (exit 2, nothing ran)", async () => {
    const dir = tempDir();
    const marker = join(dir, "marker");
    const result = await run([behaviour("OnePath"), "-o", "no/such/out.txt"], { cwd: dir, env: { TSC_COG_TEST_MARKER: marker } });
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `error: cannot write output to no/such/out.txt: the folder ${join(dir, "no", "such")} does not exist (create it first)\n`,
    );
    assert.equal(existsSync(marker), false, "predict() did not run");
  });

  it("an unwritable -o folder is reported before predicting (exit 2, nothing ran, nothing written)", async () => {
    // A read-only folder as a user; as root (who may write anywhere) a folder the kernel refuses to all.
    const folders = unwritableFolders();
    assert.notEqual(folders.length, 0, "no folder refuses this user a new file");
    for (const locked of folders) {
      const dir = tempDir();
      const marker = join(dir, "marker");
      const before = readdirSync(locked);
      const result = await run([behaviour("OnePath"), "-o", join(locked, "out.txt")], {
        cwd: dir,
        env: { TSC_COG_TEST_MARKER: marker, HOME: dir },
      });
      assert.equal(result.stderr, `error: cannot write output to ${join(locked, "out.txt")}: the folder ${locked} is not writable\n`);
      assert.equal(result.code, 2);
      assert.equal(existsSync(marker), false, "predict() did not run");
      assert.deepEqual(readdirSync(locked), before);
    }
  });

  it("overwrites an existing output file whole", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "output.txt"), "an older, much longer output that must not survive\n");
    ok(await run([behaviour("OnePath")], { cwd }));
    assert.equal(readFileSync(join(cwd, "output.txt"), "utf8"), "file body\n");
  });
});

describe("--json: the whole prediction", { concurrency: 4 }, () => {
  it("has exactly status, input (defaults filled, secrets masked), output, error, logs, metrics.predict_time", async () => {
    const result = await run([predictFixture("inputs"), "--json", JSON.stringify({ prompt: "hi", token: "env:TOK", keys: ["env:TOK"] })], {
      env: { TOK: "json-envelope-secret" },
    });
    ok(result);
    const envelope = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(envelope), ["status", "input", "output", "error", "logs", "metrics"]);
    assert.equal(envelope.status, "succeeded");
    assert.equal(envelope.error, null);
    assert.equal(envelope.logs, "");
    assert.deepEqual(Object.keys(envelope.metrics), ["predict_time"]);
    assert.equal(typeof envelope.metrics.predict_time, "number");
    assert.ok(envelope.metrics.predict_time >= 0 && envelope.metrics.predict_time < 60);
    assert.deepEqual(envelope.input, {
      prompt: "hi",
      count: 1,
      temperature: 0.5,
      flag: false,
      mode: "fast",
      tags: [],
      nums: [],
      file: null,
      files: [],
      token: "**********",
      keys: ["**********"],
      options: { a: 1 },
      seed: null,
      slug: "abc",
    });
    assert.equal(envelope.output.prompt, "hi");
    assert.ok(!result.stdout.includes("json-envelope-secret"));
  });

  it("keeps the predictor's logs in logs, and still shows them on stderr", async () => {
    const result = await run([behaviour("Chatty"), "--json", "{}"]);
    ok(result);
    const envelope = JSON.parse(result.stdout);
    assert.equal(envelope.logs, "chatty log line\n");
    assert.match(result.stderr, /chatty log line\n/);
    assert.equal(envelope.output, join(result.cwd, "output.txt"), "a Path output is replaced by the file written");
    assert.equal(readFileSync(envelope.output, "utf8"), "chatty\n");
  });

  it("collects a stream into an array", async () => {
    const words = await run([behaviour("Words"), "--json", "{}"]);
    ok(words);
    assert.deepEqual(JSON.parse(words.stdout).output, ["one", "two words"]);
    const chunks = await run([behaviour("Chunks"), "--json", "{}"]);
    ok(chunks);
    assert.deepEqual(JSON.parse(chunks.stdout).output, ["ab", "cd ", "ef"]);
  });

  it("shows null output as null", async () => {
    const result = await run([behaviour("Nothing"), "--json", "{}"]);
    ok(result);
    assert.equal(JSON.parse(result.stdout).output, null);
  });

  it("with -o FILE writes the envelope to FILE, not stdout", async () => {
    const out = join(tempDir(), "prediction.json");
    const result = await run(["--json", '{"name":"env"}', "-o", out], { cwd: join(EXAMPLES, "hello") });
    ok(result);
    assert.equal(result.stdout, "");
    assert.equal(result.stderr, written(out));
    const envelope = JSON.parse(readFileSync(out, "utf8"));
    assert.deepEqual([envelope.status, envelope.output, envelope.input], ["succeeded", "hello env", { name: "env" }]);
  });

  it("with -o DIR writes the envelope to DIR/output.json", async () => {
    const dir = tempDir();
    const result = await run(["--json", '{"name":"dir"}', "-o", dir], { cwd: join(EXAMPLES, "hello") });
    ok(result);
    assert.equal(result.stdout, "");
    const out = join(dir, "output.json");
    assert.equal(result.stderr, written(out));
    assert.equal(JSON.parse(readFileSync(out, "utf8")).output, "hello dir");
  });

  it("prints the envelope of a failed prediction, then exits 1 with the error on stderr", async () => {
    const result = await run([behaviour("Fails"), "--json", "{}"]);
    assert.equal(result.code, 1);
    const envelope = JSON.parse(result.stdout);
    assert.deepEqual([envelope.status, envelope.output, envelope.error], ["failed", null, "outer problem"]);
    assert.match(result.stderr, /^error: outer problem\n/);
    assert.doesNotMatch(result.stderr, /^\s+at /m);
  });
});
