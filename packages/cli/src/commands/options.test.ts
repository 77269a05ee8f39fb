import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "@tsc-cog/runtime";
import { type CommandCall, parseCommand } from "./table.js";

const predictDefaults = { input: [], env: [], setupTimeout: 300, secretsDir: "/secrets", quiet: false, debug: false } as const;
const serveDefaults = { host: "127.0.0.1", setupTimeout: 300, secretsDir: "/secrets", playground: false, watch: false } as const;

/** [what a user would notice, argv, the command and options it runs with]. */
const rows: readonly [string, readonly string[], CommandCall][] = [
  ["predict with no flags runs with the default options", ["predict"], { command: "predict", options: predictDefaults }],
  [
    "predict names the predictor and keeps repeated -i/--input values in order",
    ["predict", "predict.ts:Predictor", "-i", "prompt=hello world", "--input", "count=2", "-i", "image=@cat.png"],
    {
      command: "predict",
      options: { ...predictDefaults, predictor: "predict.ts:Predictor", input: ["prompt=hello world", "count=2", "image=@cat.png"] },
    },
  ],
  [
    "-i takes exactly one value, so a predictor after it stays the predictor",
    ["predict", "-i", "a=1", "predict.ts"],
    { command: "predict", options: { ...predictDefaults, predictor: "predict.ts", input: ["a=1"] } },
  ],
  [
    "--json takes inline JSON",
    ["predict", "--json", '{"prompt":"hi"}'],
    { command: "predict", options: { ...predictDefaults, json: '{"prompt":"hi"}' } },
  ],
  ["--json - reads the inputs from stdin", ["predict", "--json", "-"], { command: "predict", options: { ...predictDefaults, json: "-" } }],
  [
    "-o, repeated -e, --setup-timeout, --secrets-dir and -q all reach predict",
    ["predict", "-o", "out/", "-e", "A=1", "-e", "B=x=y", "--setup-timeout", "0", "--secrets-dir", "/run/secrets", "-q"],
    {
      command: "predict",
      options: { ...predictDefaults, output: "out/", env: ["A=1", "B=x=y"], setupTimeout: 0, secretsDir: "/run/secrets", quiet: true },
    },
  ],
  [
    "the long spellings --output, --env and --quiet work like their short ones",
    ["predict", "--output", "o.txt", "--env", "A=1", "--quiet"],
    { command: "predict", options: { ...predictDefaults, output: "o.txt", env: ["A=1"], quiet: true } },
  ],
  [
    "--debug before the command reaches predict",
    ["--debug", "predict"],
    { command: "predict", options: { ...predictDefaults, debug: true } },
  ],
  [
    "run is predict under another name",
    ["run", "p.ts", "-i", "x=1", "--debug"],
    { command: "predict", options: { ...predictDefaults, predictor: "p.ts", input: ["x=1"], debug: true } },
  ],
  ["schema without a predictor uses cog.yaml's", ["schema"], { command: "schema", options: {} }],
  ["schema names a predictor", ["schema", "predict.ts:Predictor"], { command: "schema", options: { predictor: "predict.ts:Predictor" } }],
  ["secrets set takes the secret's name", ["secrets", "set", "hf_token"], { command: "secrets set", options: { name: "hf_token" } }],
  ["secrets list looks in /secrets by default", ["secrets", "list"], { command: "secrets list", options: { secretsDir: "/secrets" } }],
  [
    "secrets ls is secrets list, and takes --secrets-dir",
    ["secrets", "ls", "--secrets-dir", "/run/secrets"],
    { command: "secrets list", options: { secretsDir: "/run/secrets" } },
  ],
  ["secrets rm takes the secret's name", ["secrets", "rm", "hf_token"], { command: "secrets rm", options: { name: "hf_token" } }],
  ["secrets remove is secrets rm", ["secrets", "remove", "hf_token"], { command: "secrets rm", options: { name: "hf_token" } }],
  ["serve with no flags listens on 127.0.0.1", ["serve"], { command: "serve", options: serveDefaults }],
  [
    "serve takes a predictor, --host, --port, --concurrency, --setup-timeout and --secrets-dir",
    ["serve", "p.ts", "--host", "0.0.0.0", "--port", "5000", "--concurrency", "4", "--setup-timeout", "60", "--secrets-dir", "/s"],
    {
      command: "serve",
      options: {
        predictor: "p.ts",
        host: "0.0.0.0",
        port: 5000,
        concurrency: 4,
        setupTimeout: 60,
        secretsDir: "/s",
        playground: false,
        watch: false,
      },
    },
  ],
  ["serve takes --playground", ["serve", "--playground"], { command: "serve", options: { ...serveDefaults, playground: true } }],
  ["serve takes --watch", ["serve", "--watch"], { command: "serve", options: { ...serveDefaults, watch: true } }],
  [
    "serve takes --upload-url",
    ["serve", "--upload-url", "http://127.0.0.1:9000/up"],
    { command: "serve", options: { ...serveDefaults, uploadUrl: "http://127.0.0.1:9000/up" } },
  ],
];

describe("parseCommand: argv to a command and its options", () => {
  for (const [name, argv, expected] of rows) {
    it(name, async () => {
      const parsed = await parseCommand(argv);
      assert.ok(parsed, "a command was parsed");
      assert.deepEqual({ command: parsed.command, options: parsed.options }, expected);
    });
  }

  it("colour is on unless --no-color is given, and --debug is off unless given", async () => {
    assert.deepEqual((await parseCommand(["schema"]))?.global, { debug: false, color: true });
    assert.deepEqual((await parseCommand(["schema", "--no-color", "--debug"]))?.global, { debug: true, color: false });
  });

  it("--help is answered by yargs itself, so no command runs", async () => {
    const log = console.log;
    console.log = () => {};
    try {
      assert.equal(await parseCommand(["predict", "--help"]), undefined);
    } finally {
      console.log = log;
    }
  });
});

describe("parseCommand: bad usage is a UsageError, before anything runs", () => {
  const failures: readonly [string, readonly string[], RegExp | ((message: string) => boolean)][] = [
    ["-i without a value says so", ["predict", "-i"], /^Not enough arguments following: i\nRun tsc-cog --help for usage\.$/],
    [
      "an input without its -i asks about -i",
      ["predict", "p.ts", "prompt=hi"],
      /^"prompt=…" is not a predictor file or a command\. Did you forget -i\? \(-i prompt=…\)$/,
    ],
    [
      "an unknown flag is named with its command's help",
      ["serve", "--nope"],
      /^unknown option --nope for tsc-cog serve; see tsc-cog serve --help$/,
    ],
    [
      "several unknown flags are named as typed, never with their values",
      ["predict", "--inptu=x", "-z", "--no-colour"],
      /^unknown options --inptu, -z, --no-colour for tsc-cog predict; see tsc-cog predict --help$/,
    ],
    [
      "an extra positional is named with its command's help",
      ["predict", "a.ts", "b.ts"],
      /^unexpected argument "b\.ts" for tsc-cog predict; see tsc-cog predict --help$/,
    ],
    [
      "an unknown command suggests the closest one",
      ["predcit", "-i", "x=1"],
      /^unknown command "predcit"; did you mean "predict"\? \(tsc-cog --help lists the commands\)$/,
    ],
    ["an unknown command far from every command suggests none", ["nope"], /^unknown command "nope"; tsc-cog --help lists the commands$/],
    [
      "an unknown secrets action suggests the closest one",
      ["secrets", "sett", "hf_token"],
      /^unknown command "secrets sett"; did you mean "secrets set"\? \(tsc-cog secrets --help lists the commands\)$/,
    ],
    [
      "words after secrets set's name are refused without being repeated",
      ["secrets", "set", "hf_token", "hunter2", "a=b", "--x=y"],
      (message: string) => /^tsc-cog secrets set takes no value on the command line/.test(message) && !/hunter2|a=b|x=y/.test(message),
    ],
    ["no command asks for one", [], /^name a command, e\.g\. tsc-cog predict -i name=world\n/],
    ["secrets without an action asks for one", ["secrets"], /^Not enough non-option arguments: got 0, need at least 1\n/],
    ["secrets rm without a name asks for it", ["secrets", "rm"], /^Not enough non-option arguments: got 0, need at least 1\n/],
  ];
  for (const [name, argv, message] of failures) {
    it(name, async () => {
      const matches = typeof message === "function" ? message : (text: string) => message.test(text);
      await assert.rejects(parseCommand(argv), (error: unknown) => error instanceof UsageError && matches(error.message));
    });
  }
});
