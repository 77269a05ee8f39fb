// Property tests (fast-check, fixed seed, bounded runs) of command-line parsing: `-i` flags and the
// whole yargs argv. Whatever the user types, the CLI answers with a value or a coded usage error
// (exit 2), never an unexpected exception (exit 1 "unexpected failure") and never a hang.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, it } from "node:test";
import { UsageError } from "@tsc-cog/runtime";
import { InputValidationError } from "@tsc-cog/sdk";
import fc from "fast-check";
import { parseInputFlags } from "../../../packages/cli/dist/commands/predict/parse-input-flags.js";
import type { CommandIO } from "../../../packages/cli/dist/io.js";
import { runCli } from "../../../packages/cli/dist/main.js";
import { StatusLine } from "../../../packages/cli/dist/terminal/status-line.js";
import { createStyle } from "../../../packages/cli/dist/terminal/style.js";
import { tempDir } from "../support/temp.js";
import { nastyString } from "./arbitraries.js";

const SEED = 7_2026;

/** A `name=value` flag built from parts that parsers trip on (quotes, `=`, `@`, unicode). */
const flagLike = fc.oneof(
  nastyString,
  fc.tuple(nastyString, fc.constantFrom("=", "==", '="', "=@", "=@@", "=-", "=env:"), nastyString).map((parts) => parts.join("")),
);

describe("parseInputFlags (fuzzed)", () => {
  it("returns every value under the text before its first =, or a UsageError naming the bad flag", () => {
    fc.assert(
      fc.property(fc.array(flagLike, { maxLength: 12 }), (flags) => {
        let parsed: Map<string, string[]>;
        try {
          parsed = parseInputFlags(flags);
        } catch (error) {
          assert.ok(error instanceof UsageError, `not a UsageError: ${error}`);
          const bad = flags.find((flag) => flag.indexOf("=") <= 0);
          assert.equal(error.message, `Failed to parse input '${bad}', expected format is 'name=value'`);
          return;
        }
        assert.ok(flags.every((flag) => flag.indexOf("=") > 0));
        assert.equal([...parsed.values()].flat().length, flags.length, "no value lost or invented");
        for (const [name, values] of parsed) {
          assert.ok(name.length > 0 && !name.includes("="));
          const own = flags.filter((flag) => flag.slice(0, flag.indexOf("=")) === name).map((flag) => flag.slice(name.length + 1));
          assert.equal(values.length, own.length);
          // Each value is its flag's text, less one pair of surrounding double quotes at most.
          for (const [i, value] of values.entries()) {
            assert.ok(own[i] === value || own[i] === `"${value}"`, `${JSON.stringify(own[i])} → ${value}`);
          }
        }
      }),
      { seed: SEED, numRuns: 2000, includeErrorInReport: true },
    );
  });
});

/** A CommandIO over memory streams, in an empty folder, with an ended stdin and no terminal. */
function memoryIO(cwd: string): CommandIO & { readonly text: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let text = "";
  for (const stream of [stdout, stderr]) stream.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  const env = { PATH: process.env.PATH, HOME: cwd, XDG_CONFIG_HOME: resolve(cwd, ".config"), TSC_COG_CACHE_DIR: resolve(cwd, ".cache") };
  return {
    cwd,
    env,
    stdin: Readable.from([]),
    stdout,
    stderr,
    style: createStyle({ color: false, env }),
    status: new StatusLine(stderr as unknown as NodeJS.WriteStream, false),
    info: (message) => stderr.write(`${message}\n`),
    warn: (message) => stderr.write(`warning: ${message}\n`),
    onInterrupt: () => {},
    interrupted: false,
    text: () => text,
  };
}

/** Words the CLI knows, so that random argv gets past the first token often enough to matter. */
const KNOWN = [
  "predict",
  "run",
  "schema",
  "secrets",
  "list",
  "ls",
  "rm",
  "set",
  "serve",
  "-i",
  "--input",
  "--json",
  "-o",
  "--output",
  "-e",
  "--env",
  "--setup-timeout",
  "--secrets-dir",
  "-q",
  "--quiet",
  "--debug",
  "--no-color",
  "--color",
  "--port",
  "--host",
  "--concurrency",
  "--",
  "-",
  "@-",
  "-i=",
  "--input=x=1",
  "--json={}",
  "--json=[]",
  "--setup-timeout=-1",
  "--setup-timeout=NaN",
  "--port=99999",
  "--concurrency=0",
  "x=1",
  "predict.ts",
  "predict.ts:Nope",
];
/** Tokens that print help, a version or a completion script (on the real console) instead of failing. */
const PRINTING = new Set(["--help", "-h", "--version", "-v", "completion", "help"]);
const token = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...KNOWN) },
    { weight: 2, arbitrary: nastyString },
    { weight: 1, arbitrary: nastyString.map((s) => `-${s}`) },
    { weight: 1, arbitrary: nastyString.map((s) => `--${s}`) },
    { weight: 1, arbitrary: flagLike },
  )
  .filter((t) => !PRINTING.has(t));
const command = fc.constantFrom("predict", "run", "schema", "secrets", "serve", "nope");

describe("runCli argv (fuzzed)", () => {
  it("settles with a value or a UsageError/InputValidationError for random argv, never another exception", async () => {
    const cwd = tempDir("tsc-cog-fuzz-argv-");
    // A token naming an existing file (".", "/") could start a worker: those argv are skipped.
    const reachesNothing = (argv: readonly string[]) =>
      argv.every((t) => t === "" || !existsSync(resolve(cwd, t.replace(/:[A-Za-z_$][\w$]*$/, ""))));
    const quiet = { log: console.log, error: console.error, warn: console.warn, info: console.info };
    // yargs prints some answers with console.*; keep the test's output clean while fuzzing.
    Object.assign(console, { log() {}, error() {}, warn() {}, info() {} });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.tuple(command, fc.array(token, { maxLength: 8 })).map(([first, rest]) => [first, ...rest]),
            // A well-formed predict command whose option values are random: reaches the command's own checks.
            fc
              .array(fc.tuple(fc.constantFrom("-i", "-e", "--json", "-o", "--setup-timeout"), flagLike), { maxLength: 6 })
              .map((pairs) => ["predict", ...pairs.flat()]),
          ),
          async (argv) => {
            fc.pre(reachesNothing(argv));
            const io = memoryIO(cwd);
            let timer: NodeJS.Timeout | undefined;
            const settled = await Promise.race([
              runCli(argv, io).then(
                () => ({ ok: true as const }),
                (error: unknown) => ({ ok: false as const, error }),
              ),
              new Promise<never>((_, reject) => {
                timer = setTimeout(() => reject(new Error(`runCli did not settle within 10 s: ${JSON.stringify(argv)}`)), 10_000);
              }),
            ]).finally(() => clearTimeout(timer));
            if (!settled.ok) {
              const { error } = settled;
              assert.ok(
                error instanceof UsageError || error instanceof InputValidationError,
                `argv ${JSON.stringify(argv)} threw ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)}`,
              );
              assert.ok(error.message.length > 0);
            }
          },
        ),
        { seed: SEED, numRuns: 400, includeErrorInReport: true },
      );
    } finally {
      Object.assign(console, quiet);
    }
  });
});
