// Every argument rule of DESIGN §5 and §7b, through the built CLI and the `inputs` fixture, whose
// output describes exactly what predict() received (secrets as sha256 digests).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { type CliOptions, type CliResult, runCli } from "../support/cli.js";
import { EXAMPLES, predictFixture } from "../support/project.js";
import { tempDir, writeFiles } from "../support/temp.js";

const INPUTS = predictFixture("inputs");
const VALID_NAMES = "count, file, files, flag, keys, mode, nums, options, prompt, seed, slug, tags, temperature, token";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A folder with the files the tests pass as @file. */
function workspace(): string {
  return writeFiles(tempDir("tsc-cog-args-"), {
    "story.txt": "once upon a time\n",
    "a.txt": "file a",
    "b.md": "file b\n",
    "secret.txt": "file-secret-value\n\n",
    "inputs.json": JSON.stringify({ prompt: "from a file", count: 2 }),
  });
}

/** Runs the inputs fixture and returns what predict() received; the run must succeed. */
async function received(args: readonly string[], options: CliOptions = {}): Promise<Record<string, unknown> & { run: CliResult }> {
  const run = await runCli(["predict", INPUTS, ...args], { cwd: workspace(), ...options });
  assert.equal(run.code, 0, `exit ${run.code}; stderr:\n${run.stderr}`);
  return { ...JSON.parse(run.stdout), run };
}

/** Runs the inputs fixture expecting a usage error: exit 2, exactly `error: <message>` on stderr, nothing run. */
async function rejected(args: readonly string[], message: string, options: CliOptions = {}): Promise<void> {
  const cwd = options.cwd ?? workspace();
  const marker = join(tempDir(), "marker");
  const run = await runCli(["predict", INPUTS, ...args], { ...options, cwd, env: { ...options.env, TSC_COG_TEST_MARKER: marker } });
  assert.equal(run.stderr, `error: ${message}\n`);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, "");
  assert.equal(existsSync(marker), false, "neither setup() nor predict() ran");
}

describe("-i name=value parsing", { concurrency: 4 }, () => {
  it("splits on the first = only", async () => {
    assert.equal((await received(["-i", "prompt=a=b=c"])).prompt, "a=b=c");
  });

  it("strips one pair of surrounding double quotes, and only a whole pair", async () => {
    const got = await received(["-i", 'prompt="quoted value"', "-i", 'tags=""twice""', "-i", 'tags="open', "-i", 'tags=in"side']);
    assert.equal(got.prompt, "quoted value");
    assert.deepEqual(got.tags, ['"twice"', '"open', 'in"side']);
  });

  it("keeps an empty value as the empty string", async () => {
    assert.equal((await received(["-i", "prompt="])).prompt, "");
  });

  it("rejects a flag without = with Cog's message", async () => {
    await rejected(["-i", "prompt"], "Failed to parse input 'prompt', expected format is 'name=value'");
  });

  it("rejects a flag with an empty name", async () => {
    await rejected(["-i", "=value"], "Failed to parse input '=value', expected format is 'name=value'");
  });

  it("collects repeated names into a list, in order, coerced by item type", async () => {
    const got = await received(["-i", "prompt=p", "-i", "tags=b", "-i", "tags=a", "-i", "nums=3", "-i", "nums=-1"]);
    assert.deepEqual(got.tags, ["b", "a"]);
    assert.deepEqual(got.nums, [3, -1]);
  });

  it("makes a one-item list of a single value for a list input", async () => {
    assert.deepEqual((await received(["-i", "prompt=p", "-i", "tags=solo"])).tags, ["solo"]);
  });

  it("takes a JSON array for a list input; commas alone are not separators", async () => {
    const got = await received(["-i", "prompt=p", "-i", 'tags=["x", "y z"]', "-i", "nums=[4,5]", "-i", 'keys=["k1-secret","k2-secret"]']);
    assert.deepEqual(got.tags, ["x", "y z"]);
    assert.deepEqual(got.nums, [4, 5]);
    assert.deepEqual(got.keys, [
      { isSecret: true, sha256: sha256("k1-secret") },
      { isSecret: true, sha256: sha256("k2-secret") },
    ]);
    assert.deepEqual((await received(["-i", "prompt=p", "-i", "tags=a,b"])).tags, ["a,b"]);
  });

  it("rejects repeated values for an input that is not a list", async () => {
    await rejected(["-i", "prompt=a", "-i", "prompt=b"], 'invalid input "prompt": expected string, got array');
  });
});

describe("value resolution by input type", { concurrency: 4 }, () => {
  it("@file gives a string input the file's whole text", async () => {
    assert.equal((await received(["-i", "prompt=@story.txt"])).prompt, "once upon a time\n");
  });

  it("@file gives a Path input a Path to the local file; repeated, a list of Paths", async () => {
    const got = await received(["-i", "prompt=p", "-i", "file=@a.txt", "-i", "files=@a.txt", "-i", "files=@b.md"]);
    assert.deepEqual(got.file, { isPath: true, name: "a.txt", text: "file a" });
    assert.deepEqual(got.files, [
      { isPath: true, name: "a.txt", text: "file a" },
      { isPath: true, name: "b.md", text: "file b\n" },
    ]);
  });

  it("a Path input also takes a data URL", async () => {
    const got = await received(["-i", "prompt=p", "-i", `file=data:text/plain;base64,${Buffer.from("from data").toString("base64")}`]);
    assert.deepEqual(got.file, { isPath: true, name: "file.txt", text: "from data" });
  });

  it("@file gives a secret the file's text less one trailing newline", async () => {
    const got = await received(["-i", "prompt=p", "-i", "token=@secret.txt"]);
    assert.deepEqual(got.token, { isSecret: true, sha256: sha256("file-secret-value\n") });
  });

  it("env:NAME gives a secret the variable's value, without a command-line warning", async () => {
    const got = await received(["-i", "prompt=p", "-i", "token=env:MY_TOKEN"], { env: { MY_TOKEN: "from-the-environment" } });
    assert.deepEqual(got.token, { isSecret: true, sha256: sha256("from-the-environment") });
    assert.equal(got.run.stderr, "");
  });

  it("- gives a secret standard input less one trailing newline", async () => {
    const got = await received(["-i", "prompt=p", "-i", "token=-"], { stdin: "piped-secret-value\n" });
    assert.deepEqual(got.token, { isSecret: true, sha256: sha256("piped-secret-value") });
  });

  it("- is the literal text '-' for a string input", async () => {
    assert.equal((await received(["-i", "prompt=-"], { stdin: "ignored" })).prompt, "-");
  });

  it("@@x is the literal @x for strings, secrets and lists", async () => {
    const got = await received(["-i", "prompt=@@story.txt", "-i", "slug=@@ab", "-i", "tags=@@t", "-i", "token=@@literal-secret"]);
    assert.equal(got.prompt, "@story.txt");
    assert.equal(got.slug, "@ab");
    assert.deepEqual(got.tags, ["@t"]);
    assert.deepEqual(got.token, { isSecret: true, sha256: sha256("@literal-secret") });
  });

  it("a literal secret works but warns that argv is visible, naming the safer forms", async () => {
    const got = await received(["-i", "prompt=p", "-i", "token=literal-secret-value"]);
    assert.deepEqual(got.token, { isSecret: true, sha256: sha256("literal-secret-value") });
    assert.equal(
      got.run.stderr,
      'warning: secret input "token" was given on the command line, where shell history and process listings can see it; prefer @FILE, env:NAME or - (stdin)\n',
    );
  });

  it("a secret shorter than 6 characters is used, with a warning that names the input, not the value", async () => {
    const got = await received(["-i", "prompt=p", "-i", "keys=env:SHORT"], { env: { SHORT: "k9Zq" } });
    assert.deepEqual(got.keys, [{ isSecret: true, sha256: sha256("k9Zq") }]);
    assert.match(got.run.stderr, /^warning: secret input "keys" is shorter than 6 characters/);
    assert.ok(!got.run.stderr.includes("k9Zq"));
  });

  it("reports a missing @file (exit 2)", async () => {
    await rejected(["-i", "prompt=p", "-i", "file=@missing.txt"], 'input "file": cannot read file missing.txt: no such file');
    await rejected(["-i", "prompt=@missing.txt"], 'input "prompt": cannot read file missing.txt: no such file');
    await rejected(["-i", "prompt=p", "-i", "token=@missing.txt"], 'input "token": cannot read file missing.txt: no such file');
  });

  it("reports an unset env: variable (exit 2)", async () => {
    await rejected(
      ["-i", "prompt=p", "-i", "token=env:TSC_COG_TEST_UNSET"],
      'input "token": environment variable TSC_COG_TEST_UNSET is not set (export it, or pass the secret as @FILE or -)',
    );
  });

  it("reports a Path input given as a bare path, saying to write @", async () => {
    await rejected(
      ["-i", "prompt=p", "-i", "file=a.txt"],
      'input "file" is a file: write -i file=@a.txt for a local file, or give an http(s) or data URL',
    );
  });

  it("reports two inputs reading stdin (exit 2)", async () => {
    await rejected(
      ["--json", "-"],
      'input "token" and --json both read standard input; only one input can come from stdin (use @file or env:NAME for the other)',
      { stdin: JSON.stringify({ prompt: "p", token: "-" }) },
    );
  });
});

describe("coercion by schema type", { concurrency: 4 }, () => {
  it("exactly true/false become booleans; integers and numbers are parsed where the type allows", async () => {
    const got = await received(["-i", "prompt=42", "-i", "flag=true", "-i", "count=3", "-i", "temperature=1.5", "-i", "seed=7"]);
    assert.equal(got.prompt, "42");
    assert.equal(got.flag, true);
    assert.equal(got.count, 3);
    assert.equal(got.temperature, 1.5);
    assert.equal(got.seed, 7);
    assert.deepEqual(got.types, { count: "number", temperature: "number", flag: "boolean", seed: "number" });
    assert.equal((await received(["-i", "prompt=p", "-i", "flag=false"])).flag, false);
    assert.equal((await received(["-i", "prompt=p", "-i", "temperature=2"])).temperature, 2);
  });

  it("an Object input takes JSON text", async () => {
    assert.deepEqual((await received(["-i", "prompt=p", "-i", 'options={"k":[1,{"n":null}]}'])).options, { k: [1, { n: null }] });
  });

  it("fills defaults, and an omitted nullable input is null", async () => {
    const got = await received(["-i", "prompt=p"]);
    assert.deepEqual(
      [
        got.count,
        got.temperature,
        got.flag,
        got.mode,
        got.tags,
        got.nums,
        got.file,
        got.files,
        got.token,
        got.keys,
        got.options,
        got.seed,
        got.slug,
      ],
      [1, 0.5, false, "fast", [], [], null, [], null, null, { a: 1 }, null, "abc"],
    );
  });

  it("says what was given when a text is no value of the input's type", async () => {
    await rejected(["-i", "prompt=p", "-i", "flag=True"], 'invalid input "flag": expected true or false, got "True"');
    await rejected(["-i", "prompt=p", "-i", "count=2.5"], 'invalid input "count": expected an integer, got "2.5"');
    await rejected(["-i", "prompt=p", "-i", "options=not json"], 'invalid input "options": expected a JSON object, got "not json"');
    await rejected(["-i", "prompt=p", "-i", "nums=1", "-i", "nums=x"], 'invalid input "nums": item 1: expected an integer, got "x"');
    const long = "x".repeat(100);
    await rejected(
      ["-i", "prompt=p", "-i", `count=${long}`],
      `invalid input "count": expected an integer, got "${"x".repeat(40)}"… (100 characters)`,
    );
  });
});

describe("--json inputs", { concurrency: 4 }, () => {
  const envelope = (got: { run: CliResult }) => JSON.parse(got.run.stdout);

  it("takes inline JSON and prints the whole prediction", async () => {
    const run = await runCli(["predict", INPUTS, "--json", '{"prompt":"inline","count":2}'], { cwd: workspace() });
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.status, "succeeded");
    assert.equal(result.output.prompt, "inline");
    assert.equal(result.output.count, 2);
  });

  for (const [form, args, stdin] of [
    ["@file", ["--json", "@inputs.json"], undefined],
    ["- (stdin)", ["--json", "-"], JSON.stringify({ prompt: "from a file", count: 2 })],
    ["@- (stdin)", ["--json", "@-"], JSON.stringify({ prompt: "from a file", count: 2 })],
  ] as const) {
    it(`takes ${form}`, async () => {
      const run = await runCli(["predict", INPUTS, ...args], { cwd: workspace(), stdin });
      assert.equal(run.code, 0, run.stderr);
      const result = JSON.parse(run.stdout);
      assert.deepEqual([result.output.prompt, result.output.count], ["from a file", 2]);
    });
  }

  it("resolves @file, env: and @@ in strings for string, Path and secret inputs", async () => {
    const run = await runCli(
      ["predict", INPUTS, "--json", JSON.stringify({ prompt: "@@at", file: "@a.txt", token: "env:TOK", tags: ["@story.txt"] })],
      { cwd: workspace(), env: { TOK: "json-env-secret" } },
    );
    assert.equal(run.code, 0, run.stderr);
    const { output, input } = JSON.parse(run.stdout);
    assert.equal(output.prompt, "@at");
    assert.deepEqual(output.file, { isPath: true, name: "a.txt", text: "file a" });
    assert.deepEqual(output.token, { isSecret: true, sha256: sha256("json-env-secret") });
    assert.deepEqual(output.tags, ["once upon a time\n"]);
    assert.equal(input.token, "**********");
  });

  it("keeps JSON types: no coercion of strings", async () => {
    await rejected(["--json", '{"prompt":"p","count":"3"}'], 'invalid input "count": expected integer, got string');
  });

  it("accepts explicit null for a nullable input", async () => {
    const got = await received(["--json", '{"prompt":"p","seed":null,"token":null}']);
    assert.deepEqual([envelope(got).output.seed, envelope(got).output.token], [null, null]);
  });

  it("rejects explicit null for an input that is not nullable", async () => {
    await rejected(
      ["--json", '{"prompt":"p","count":null}'],
      'invalid input "count": must not be null (omit the input to use its default)',
    );
  });

  it("is an error together with -i", async () => {
    await rejected(["--json", '{"prompt":"p"}', "-i", "count=1"], "Must use one of --json or --input to provide model inputs");
  });

  it("rejects text that is not JSON, and JSON that is not an object", async () => {
    const run = await runCli(["predict", INPUTS, "--json", "{nope"], { cwd: workspace() });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^error: --json value is not valid JSON: /);
    await rejected(["--json", "[1,2]"], '--json value must be a JSON object of inputs, like {"prompt": "hi"}');
  });

  it("reports a missing @file.json", async () => {
    await rejected(["--json", "@nope.json"], "--json @nope.json: cannot read the file (ENOENT)");
  });
});

describe("unknown names are checked first", { concurrency: 4 }, () => {
  it("names the unknown input and the valid ones, sorted", async () => {
    await rejected(["-i", "prompt=p", "-i", "nope=1"], `unknown input "nope"; valid inputs are: ${VALID_NAMES}`);
  });

  it("lists several unknown inputs in one line", async () => {
    await rejected(["-i", "zz=1", "-i", "nope=2"], `unknown inputs "zz", "nope"; valid inputs are: ${VALID_NAMES}`);
  });

  it("reports only the unknown name, before reading any file", async () => {
    await rejected(["-i", "nope=1", "-i", "file=@missing.txt"], `unknown input "nope"; valid inputs are: ${VALID_NAMES}`);
    await rejected(["--json", '{"nope":1,"file":"@missing.txt"}'], `unknown input "nope"; valid inputs are: ${VALID_NAMES}`);
  });

  it("says when the model takes no inputs", async () => {
    const run = await runCli(["predict", predictFixture("behaviour", "Nothing"), "-i", "x=1"]);
    assert.equal(run.stderr, 'error: unknown input "x"; model does not accept inputs\n');
    assert.equal(run.code, 2);
  });

  it("a positional argument with = asks 'Did you forget -i?'", async () => {
    const withFile = await runCli(["predict", INPUTS, "prompt=hi"]);
    assert.equal(withFile.code, 2);
    assert.match(withFile.stderr, /^error: "prompt=…" is not a predictor file.*\. Did you forget -i\? \(-i prompt=…\)\n$/);
    const withCogYaml = await runCli(["predict", "name=world"], { cwd: join(EXAMPLES, "hello") });
    assert.equal(withCogYaml.code, 2);
    assert.match(withCogYaml.stderr, /^error: "name=…" is not a predictor file.*\. Did you forget -i\? \(-i name=…\)\n$/);
    // What follows `=` may be a secret typed without its -i: it is never repeated.
    const token = "tsc-cog-CANARY-stray-token-6d1e";
    for (const args of [
      ["predict", `api_token=${token}`],
      ["predict", INPUTS, `api_token=${token}`],
    ]) {
      const stray = await runCli(args, { cwd: join(EXAMPLES, "hello") });
      assert.equal(stray.code, 2);
      assert.ok(!stray.stderr.includes(token) && !stray.stdout.includes(token), stray.stderr);
      assert.match(stray.stderr, /"api_token=…"/);
    }
  });
});

describe("validation messages (Cog 0.22's pre-flight), exit 2, nothing run", { concurrency: 4 }, () => {
  const cases: [string, string[], string][] = [
    ["missing required", [], 'missing required input "prompt"'],
    ["not an integer", ["-i", "prompt=p", "-i", "count=abc"], 'invalid input "count": expected an integer, got "abc"'],
    ["not a number", ["-i", "prompt=p", "-i", "temperature=hot"], 'invalid input "temperature": expected a number, got "hot"'],
    ["not a choice", ["-i", "prompt=p", "-i", "mode=medium"], 'invalid input "mode": must be one of: fast, slow'],
    ["below ge", ["-i", "prompt=p", "-i", "count=0"], 'invalid input "count": number must be at least 1'],
    ["above le", ["-i", "prompt=p", "-i", "count=6"], 'invalid input "count": number must be at most 5'],
    ["too short", ["-i", "prompt=p", "-i", "slug=a"], 'invalid input "slug": minimum string length is 2'],
    ["too long", ["-i", "prompt=p", "-i", "slug=abcdef"], 'invalid input "slug": maximum string length is 5'],
    ["regex", ["-i", "prompt=p", "-i", "slug=AB"], 'invalid input "slug": string doesn\'t match the regular expression "^[a-z@]+$"'],
    [
      "several at once",
      ["-i", "count=0", "-i", "mode=x"],
      'input validation failed:\n- missing required input "prompt"\n- invalid input "count": number must be at least 1\n- invalid input "mode": must be one of: fast, slow',
    ],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: ${message.split("\n")[0]}`, async () => {
      await rejected(args, message);
    });
  }

  it("a message about a secret never contains its value", async () => {
    // Shorter than 6 characters, so the redactor would not hide it inside a message: only the message's wording can.
    const dir = writeFiles(tempDir(), { "short.txt": "zq9Xw" });
    await rejected(["-i", "prompt=p", "-i", "token=@short.txt"], 'invalid input "token": minimum string length is 8', { cwd: dir });
    const run = await runCli(["predict", INPUTS, "--json", '{"prompt":"p","token":"zq9Xw"}'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.ok(!run.stderr.includes("zq9Xw"), run.stderr);
  });

  it("the fixture writes its marker when it does run, so a missing marker proves nothing ran", () => {
    const marker = join(tempDir(), "marker");
    return runCli(["predict", INPUTS, "-i", "prompt=p"], { env: { TSC_COG_TEST_MARKER: marker } }).then((run) => {
      assert.equal(run.code, 0, run.stderr);
      assert.equal(readFileSync(marker, "utf8"), "setup\npredict\n");
    });
  });
});
