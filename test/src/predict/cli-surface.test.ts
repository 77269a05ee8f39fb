// The CLI's human touches around predict: -e, -q, colour, --version, --help, completion, the run alias.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { REPO_ROOT, runCli, runCliInTerminal } from "../support/cli.js";
import { EXAMPLES, predictFixture } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const HELLO = join(EXAMPLES, "hello");
/** An SGR (colour) escape sequence: ESC [ … m. */
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);

describe("predict's options", { concurrency: 4 }, () => {
  it("-e NAME=value (repeatable) sets variables the predictor sees; it runs in the project folder", async () => {
    const cwd = tempDir();
    const run = await runCli(["predict", predictFixture("behaviour", "Env"), "-e", "GREETING=hi there", "-e", "SECOND=a=b"], { cwd });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `hi there a=b in ${cwd}\n`);
  });

  it("-e without = is a usage error", async () => {
    const run = await runCli(["predict", predictFixture("behaviour", "Env"), "-e", "GREETING"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "error: -e expects NAME=value, got 'GREETING'\n");
  });

  it("-q hides the predictor's logs and status messages but not the output or warnings", async () => {
    const cwd = tempDir();
    const loud = await runCli(["predict", predictFixture("behaviour", "Chatty")], { cwd });
    assert.equal(loud.code, 0, loud.stderr);
    assert.equal(loud.stderr, `chatty log line\nWritten output to: ${join(cwd, "output.txt")}\n`);
    const quiet = await runCli(["predict", predictFixture("behaviour", "Chatty"), "-q"], { cwd });
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.equal(quiet.stderr, "");
    assert.equal(readFileSync(join(cwd, "output.txt"), "utf8"), "chatty\n");
    const warned = await runCli(["predict", predictFixture("inputs"), "-q", "-i", "prompt=p", "-i", "token=literal-secret-value"]);
    assert.equal(warned.code, 0, warned.stderr);
    assert.match(warned.stderr, /^warning: secret input "token" was given on the command line/);
    assert.equal(JSON.parse(warned.stdout).prompt, "p");
  });

  it("run is an alias of predict", async () => {
    const run = await runCli(["run", "-i", "name=alias"], { cwd: HELLO });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "hello alias\n");
  });
});

describe("colour", { concurrency: 3 }, () => {
  const failing = ["predict", "-i", "nope=1"];

  it("is used on a terminal (the baseline the next tests rely on)", async (t) => {
    const run = runCliInTerminal(failing, { cwd: HELLO });
    if (run === undefined) return t.skip("util-linux script is not installed");
    const result = await run;
    assert.equal(result.code, 2);
    assert.match(result.stdout, COLOUR);
    assert.match(result.stdout, /unknown input "nope"/);
  });

  it("is never used with NO_COLOR, even on a terminal", async (t) => {
    const run = runCliInTerminal(failing, { cwd: HELLO, env: { NO_COLOR: "1" } });
    if (run === undefined) return t.skip("util-linux script is not installed");
    const result = await run;
    assert.equal(result.code, 2);
    assert.match(result.stdout, /^error: unknown input "nope"/);
    assert.doesNotMatch(result.stdout, COLOUR);
  });

  it("is never used with --no-color, even on a terminal", async (t) => {
    const run = runCliInTerminal([...failing, "--no-color"], { cwd: HELLO });
    if (run === undefined) return t.skip("util-linux script is not installed");
    const result = await run;
    assert.equal(result.code, 2);
    assert.match(result.stdout, /^error: unknown input "nope"/);
    assert.doesNotMatch(result.stdout, COLOUR);
  });

  it("is not used when stderr is not a terminal", async () => {
    const run = await runCli(failing, { cwd: HELLO });
    assert.equal(run.code, 2);
    assert.doesNotMatch(run.stderr, COLOUR);
  });
});

describe("the setup status line", { concurrency: 2 }, () => {
  it("is drawn on stderr during a slow setup() on a terminal", async (t) => {
    const run = runCliInTerminal(["predict", predictFixture("behaviour", "SlowishSetup")]);
    if (run === undefined) return t.skip("util-linux script is not installed");
    const result = await run;
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /Running setup\(\)/);
    assert.match(result.stdout, /ready\r\n$/);
  });

  it("is not drawn with -q", async (t) => {
    const run = runCliInTerminal(["predict", predictFixture("behaviour", "SlowishSetup"), "-q"]);
    if (run === undefined) return t.skip("util-linux script is not installed");
    const result = await run;
    assert.equal(result.code, 0, result.stdout);
    assert.equal(result.stdout, "ready\r\n");
  });

  it("is not drawn when stderr is not a terminal", async () => {
    const result = await runCli(["predict", predictFixture("behaviour", "SlowishSetup")]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.equal(result.stdout, "ready\n");
  });
});

describe("help, version, completion", { concurrency: 4 }, () => {
  it("--version prints the CLI's version", async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "packages", "cli", "package.json"), "utf8"));
    const run = await runCli(["--version"]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${version}\n`);
  });

  const commands: [string[], RegExp][] = [
    [[], /tsc-cog predict -i name=world/],
    [["predict"], /tsc-cog predict -i text=hi -i key=@key\.txt/],
    [["run"], /tsc-cog predict --json @inputs\.json/],
    [["schema"], /tsc-cog schema predict\.ts:Predictor > openapi\.json/],
    [["secrets"], /tsc-cog secrets set hf_token +Store hf_token/],
    [["secrets", "set"], /tsc-cog secrets set hf_token < token\.txt/],
    [["secrets", "list"], /tsc-cog secrets list/],
    [["secrets", "rm"], /tsc-cog secrets rm hf_token/],
    [["serve"], /tsc-cog serve --port 5000/],
  ];
  it("help examples use inputs the example they name really has", async () => {
    const help = (await runCli(["predict", "--help"], { env: { COLUMNS: "200" } })).stdout.replace(/\s+/g, " ");
    const named = [...help.matchAll(/tsc-cog predict ((?:[^(]*?))\(examples\/([a-z-]+)\)/g)];
    assert.ok(named.length >= 4, help);
    for (const [, line, example] of named) {
      const schema = await runCli(["schema"], { cwd: join(EXAMPLES, example) });
      assert.equal(schema.code, 0, schema.stderr);
      const inputs = Object.keys(JSON.parse(schema.stdout).components.schemas.Input.properties);
      for (const [, name] of line.matchAll(/-i ([a-z_]+)=/g))
        assert.ok(inputs.includes(name), `examples/${example} has no input "${name}" (${line})`);
    }
  });

  for (const [command, example] of commands) {
    it(`tsc-cog ${[...command, "--help"].join(" ")} shows examples`, async () => {
      const run = await runCli([...command, "--help"]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /\nExamples:\n/);
      assert.match(run.stdout, example);
    });
  }

  it("predict --help lists every option", async () => {
    const run = await runCli(["predict", "--help"]);
    assert.equal(run.code, 0, run.stderr);
    for (const option of [
      "-i, --input",
      "--json",
      "-o, --output",
      "-e, --env",
      "--setup-timeout",
      "--secrets-dir",
      "-q, --quiet",
      "--debug",
      "--color",
    ]) {
      assert.ok(run.stdout.includes(option), `${option} in:\n${run.stdout}`);
    }
  });

  it("completion prints a bash completion script", async () => {
    const run = await runCli(["completion"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /###-begin-tsc-cog-completions-###/);
    assert.match(run.stdout, /complete .* tsc-cog\n/);
  });

  it("completion suggests commands for a partial word", async () => {
    const run = await runCli(["--get-yargs-completions", "tsc-cog", "pre"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^predict$/m);
  });
});
