import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parsePredictQuickly } from "./quick-parse.js";
import { parseWithYargs } from "./table.js";

/** Words a `predict` command line is made of: flags in every spelling, values plain and odd. */
const FLAGS = [
  "-i",
  "--input",
  "-o",
  "--output",
  "-e",
  "--env",
  "-q",
  "--quiet",
  "--debug",
  "--color",
  "--no-color",
  "--json",
  "--url",
  "--setup-timeout",
  "--setupTimeout",
  "--secrets-dir",
  "--bogus",
  "-x",
  "-qi",
  "--",
];
const VALUES = [
  "name=world",
  "key=@key.txt",
  "token=env:TOKEN",
  "a=b=c",
  "x",
  "5",
  "0",
  "1.5",
  "abc",
  "-",
  "-5",
  "",
  "predict.ts",
  "p.ts:Cls",
  "true",
  "false",
];
const GLUED = [
  "--input=name=x",
  "--setup-timeout=7",
  "--setup-timeout=x",
  "--quiet=false",
  "-iname=x",
  "--output=out/",
  "--json=-",
  "--url=http://h:1",
];
const word = fc.oneof(fc.constantFrom(...FLAGS), fc.constantFrom(...VALUES), fc.constantFrom(...GLUED), fc.string({ maxLength: 6 }));

describe("predict's quick parse (no yargs)", () => {
  it("parses the plain command lines", () => {
    const parsed = parsePredictQuickly(["predict", "p.ts", "-i", "a=1", "--input=b=2", "-q", "--setup-timeout", "9", "-e", "A=1"]);
    assert.deepEqual(parsed, {
      command: "predict",
      options: {
        predictor: "p.ts",
        input: ["a=1", "b=2"],
        env: ["A=1"],
        setupTimeout: 9,
        secretsDir: "/secrets",
        quiet: true,
        debug: false,
      },
      global: { debug: false, color: true },
    });
  });

  it("leaves to yargs what is not plain: help, unknown flags, negations, groups, --, odd values", () => {
    for (const argv of [
      ["predict", "--help"],
      ["predict", "-h"],
      ["predict", "--bogus"],
      ["predict", "--no-color"],
      ["predict", "--setupTimeout", "5"],
      ["predict", "-qi", "a=1"],
      ["predict", "-ia=1"],
      ["predict", "-i", "a=1", "--", "b"],
      ["predict", "--json", "-"],
      ["predict", "--setup-timeout", "soon"],
      ["predict", "--json", "a", "--json", "b"],
      ["predict", "a.ts", "b.ts"],
      ["predict", "--quiet", "false"],
      ["schema"],
    ]) {
      assert.equal(parsePredictQuickly(argv), undefined, argv.join(" "));
    }
  });

  it("agrees with yargs on every command line it parses", async () => {
    let quick = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("predict", "run"), fc.array(word, { maxLength: 7 }), async (command, words) => {
        const argv = [command, ...words];
        const parsed = parsePredictQuickly(argv);
        if (parsed === undefined) return;
        quick++;
        assert.deepEqual(parsed, await parseWithYargs(argv), argv.join(" "));
      }),
      { numRuns: 1500 },
    );
    // The property is only worth something if many lines took the quick path.
    assert.ok(quick > 150, `only ${quick} of 1500 command lines were parsed quickly`);
  });
});
