// JSON-native union inputs (Cog 0.21) through the built CLI: `-i` coercion in Cog's order, `--json` as
// given, definition errors, and JSON type names in messages.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "../support/cli.js";
import { predictFixture } from "../support/project.js";
import { tempDir, writeFiles } from "../support/temp.js";

const UNIONS = predictFixture("unions");
const EXPLICIT = `${predictFixture("unions").replace(/predict\.ts$/, "explicit.js")}:Explicit`;

/** What predict() received for each input, as `{ value, type }`; the run must succeed. */
async function received(predictor: string, args: readonly string[]): Promise<Record<string, { value: unknown; type: string }>> {
  const run = await runCli(["predict", predictor, ...args]);
  assert.equal(run.code, 0, `exit ${run.code}; stderr:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe("union inputs on the command line", { concurrency: 4 }, () => {
  const cases: [text: string, value: unknown, type: string][] = [
    ["5", 5, "number"],
    ["1.5", 1.5, "number"],
    ["hello", "hello", "string"],
    ["true", "true", "string"],
  ];
  for (const [text, value, type] of cases) {
    it(`reads -i value=${text} for \`string | number\` as the ${type} ${JSON.stringify(value)}`, async () => {
      assert.deepEqual((await received(UNIONS, ["-i", `value=${text}`])).value, { value, type });
    });
  }

  it("reads a union whose first member is a list as a list (one value, repeated flags or a JSON array)", async () => {
    assert.deepEqual((await received(UNIONS, ["-i", "value=x", "-i", "counts=3"])).counts, { value: [3], type: "array" });
    assert.deepEqual((await received(UNIONS, ["-i", "value=x", "-i", "counts=1", "-i", "counts=2"])).counts, {
      value: [1, 2],
      type: "array",
    });
    assert.deepEqual((await received(UNIONS, ["-i", "value=x", "-i", "counts=[4,5]"])).counts, { value: [4, 5], type: "array" });
  });

  it("gives an omitted nullable union with default null as null", async () => {
    assert.deepEqual((await received(UNIONS, ["-i", "value=x"])).maybe, { value: null, type: "null" });
  });

  it("takes a precompiled .js predictor's Union(String, Number)", async () => {
    assert.deepEqual(await received(EXPLICIT, ["-i", "value=5"]), { value: 5, type: "number" });
    assert.deepEqual(await received(EXPLICIT, ["-i", "value=hello"]), { value: "hello", type: "string" });
  });

  it("takes --json values as given and rejects one no member accepts", async () => {
    // --json prints the whole prediction response: the output is in it.
    const response = (await received(UNIONS, ["--json", '{"value": "5"}'])) as unknown as { output: { value: unknown } };
    assert.deepEqual(response.output.value, { value: "5", type: "string" });
    const run = await runCli(["predict", UNIONS, "--json", '{"value": true}']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'error: invalid input "value": expected string or number, got boolean\n');
  });

  it("names a JSON number a number, never an integer", async () => {
    const run = await runCli(["predict", predictFixture("inputs"), "--json", '{"prompt": 5}']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'error: invalid input "prompt": expected string, got number\n');
  });

  it("rejects a union with a Path member as a definition error, with Cog's wording and a fix", async () => {
    const dir = writeFiles(tempDir("tsc-cog-union-"), {
      "predict.ts": [
        'import { BasePredictor, Input, Path } from "@tsc-cog/sdk";',
        "export class Predictor extends BasePredictor {",
        "  async predict(@Input() value: Path | string, @Input({ ge: 1 }) n: string | number) {",
        "    return String(value) + n;",
        "  }",
        "}",
        "",
      ].join("\n"),
    });
    const run = await runCli(["predict", `${dir}/predict.ts`, "-i", "value=x", "-i", "n=1"]);
    assert.notEqual(run.code, 0);
    assert.match(
      run.stderr,
      /Predictor\.predict\(\) parameter "value" \(index 0\): unsupported type: Path is not supported in union inputs\. Fix: declare a separate Path input/,
    );
    assert.match(
      run.stderr,
      /parameter "n" \(index 1\): unsupported type: constraints and choices are not supported on union inputs\. Fix: remove ge\/le/,
    );
  });
});
