// The messages a newcomer meets first, through the built CLI: a mistyped command or option, a secret
// left out, `secrets set` with a value, the hidden prompt's question, Ctrl-C, a value of the wrong type.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stripVTControlCharacters } from "node:util";
import { type RunningCli, runCli, startCli, startCliInTerminal } from "../support/cli.js";
import { copyFixture, makeProject, predictFixture } from "../support/project.js";

/** A predictor that prints half a line, then waits to be stopped; its prompt input has parentheses in its description. */
const PREDICTOR = `import { BasePredictor, Input, Output, Secret, SecretInput } from "@tsc-cog/sdk";

export class Predictor extends BasePredictor {
  @Output(String)
  async predict(
    @SecretInput({ description: "API token (from the dashboard)" }) token: Secret,
    @Input({ default: 1 }) n: number,
  ): Promise<string> {
    process.stderr.write("working on it");
    return new Promise<string>(() => {});
  }
}
`;

/** The secret input's value, long enough to be scrubbed (a short one is warned about). */
const TOKEN_ENV = { API_TOKEN: "tsc-cog-messages-token" };

const project = () => makeProject({ "cog.yaml": 'predict: "predict.ts:Predictor"\n', "predict.ts": PREDICTOR });

/** ANSI sequences (colour, the status line's erase) removed, and the terminal's `\r\n` made `\n`. */
const plain = (screen: string) => stripVTControlCharacters(screen).replace(/\r\n/g, "\n");

describe("a mistyped command line says what was wrong and where to look, exit 2", { concurrency: 4 }, () => {
  it("an unknown command suggests the closest one and how to list the commands", async () => {
    const run = await runCli(["predcit", "-i", "name=world"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'error: unknown command "predcit"; did you mean "predict"? (tsc-cog --help lists the commands)\n');
  });

  it("a word close to no command suggests none", async () => {
    const run = await runCli(["frobnicate"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'error: unknown command "frobnicate"; tsc-cog --help lists the commands\n');
  });

  it("an unknown option names the command and points to its --help", async () => {
    const run = await runCli(["predict", "--inptu", "x"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "error: unknown option --inptu for tsc-cog predict; see tsc-cog predict --help\n");
    const alias = await runCli(["run", "--inptu=name=x"]);
    assert.equal(alias.stderr, "error: unknown option --inptu for tsc-cog run; see tsc-cog run --help\n");
  });
});

describe("tsc-cog secrets set takes no value argument", { concurrency: 2 }, () => {
  it("its usage shows only the name", async () => {
    const run = await runCli(["secrets", "set", "--help"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^tsc-cog secrets set <name>\n/);
    assert.doesNotMatch(run.stdout, /value\.\.|\[value/);
  });

  it("a value given anyway is refused, pointing to the prompt and stdin, never repeated", async () => {
    const run = await runCli(["secrets", "set", "hf_token", "hf_CANARY_value"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /takes no value on the command line/);
    assert.match(run.stderr, /hidden prompt \(tsc-cog secrets set hf_token\) or pipe it in \(tsc-cog secrets set hf_token < FILE\)/);
    assert.ok(!run.stderr.includes("CANARY"), run.stderr);
  });
});

describe("a missing required secret without a terminal names the ways to give it, exit 2", { concurrency: 2 }, () => {
  it("with -i", async () => {
    const run = await runCli(["predict"], { cwd: copyFixture("secrets", "intake") });
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      'error: missing required secret input "token"; give it as -i token=@FILE, -i token=env:NAME or -i token=- (stdin), or run in a terminal to type it at a hidden prompt\n',
    );
  });

  it("with --json", async () => {
    const run = await runCli(["predict", "--json", "{}"], { cwd: copyFixture("secrets", "intake") });
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /^error: missing required secret input "token"; give it as "token": "@FILE", "env:NAME" or "-" \(stdin\) in --json/,
    );
  });
});

describe("a value of the wrong type says what was given", () => {
  it("-i n=two for a number input is refused, naming the text given", async () => {
    const run = await runCli(["predict", "-i", "token=env:API_TOKEN", "-i", "n=two"], { cwd: project(), env: TOKEN_ENV });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'error: invalid input "n": expected a number, got "two"\n');
  });
});

/** Runs `tsc-cog predict` in a pseudo-terminal, where the hidden prompt and the `^C` echo happen. */
function inTerminal(args: readonly string[], cwd: string): RunningCli {
  const pty = startCliInTerminal(["predict", ...args], { cwd, env: { ...TOKEN_ENV, TERM: "dumb" }, keepStdinOpen: true });
  assert.ok(pty, "these tests need util-linux script");
  return pty;
}

describe("the hidden prompt and Ctrl-C in a terminal", { concurrency: 2 }, () => {
  it("the prompt's question puts the description in no parentheses of its own", async () => {
    const pty = inTerminal([], project());
    const question = 'Secret input "token" — API token (from the dashboard). Type or paste it (hidden): ';
    await pty.waitFor("all", question);
    pty.write("\u0003");
    const { code } = await pty.result;
    assert.equal(code, 130);
    assert.doesNotMatch(question, /\([^)]*\(/, "nested parentheses");
  });

  it("Ctrl-C after output that ended mid-line prints cancelled: on a line of its own", async () => {
    const pty = inTerminal(["-i", "token=env:API_TOKEN"], project());
    // The scrubbing stream holds back a tail that could begin a secret: wait for the rest of the line.
    await pty.waitFor("all", "working on");
    pty.write("\u0003");
    const { code } = await pty.result;
    assert.equal(code, 130, pty.output().all);
    // The terminal echoes ^C where the cursor is; the held-back tail of the line follows it.
    const screen = plain(pty.output().all);
    assert.match(screen, /working on i(\^C)?t?\ncancelled: prediction cancelled\n$/);
    assert.doesNotMatch(screen, /\n\ncancelled:/, "an empty line before cancelled:");
  });

  it("Ctrl-C while the setup status line shows clears it and prints cancelled: at the line's start", async () => {
    const pty = inTerminal([predictFixture("behaviour", "SlowSetup")], project());
    await pty.waitFor("all", "Running setup()");
    pty.write("\u0003");
    const { code } = await pty.result;
    assert.equal(code, 130, pty.output().all);
    const screen = plain(pty.output().all);
    assert.match(screen, /[\r\n]cancelled: prediction cancelled\n$/);
    assert.doesNotMatch(screen, /\n\ncancelled:|Running setup\(\) \([\d.]+s\)(\^C)?cancelled:/);
  });
});

describe("Ctrl-C without a terminal", () => {
  it("after output that ended mid-line, cancelled: starts on a line of its own", async () => {
    const cli = startCli(["predict", "-i", "token=env:API_TOKEN"], { cwd: project(), env: TOKEN_ENV, processGroup: true });
    await cli.waitFor("stderr", "working on");
    process.kill(-(cli.child.pid as number), "SIGINT");
    const run = await cli.result;
    assert.equal(run.code, 130, run.stderr);
    assert.equal(run.stderr, "working on it\ncancelled: prediction cancelled\n");
  });
});
