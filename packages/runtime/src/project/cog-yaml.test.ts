import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCogConfig } from "./cog-yaml.js";
import { UsageError } from "./errors.js";

const FILE = "/project/cog.yaml";

/** Asserts that parsing `text` is a {@link UsageError} with exactly `message`. */
function assertRefused(text: string, message: string): void {
  assert.throws(
    () => parseCogConfig(text, FILE),
    (error: unknown) => error instanceof UsageError && error.message === message,
  );
}

describe("cog.yaml concurrency:", () => {
  const taken: [string, number][] = [
    ["concurrency:\n  max: 1\n", 1],
    ["concurrency:\n  max: 4\n", 4],
    ["concurrency:\n  max: 1024\n", 1024],
    ["concurrency: { max: 8 }\n", 8],
  ];
  for (const [text, max] of taken)
    it(`takes ${JSON.stringify(text)} as ${max} predictions at once per worker`, () =>
      assert.deepEqual(parseCogConfig(text, FILE).concurrency, { max }));

  for (const text of ['predict: "predict.ts:Predictor"\n', "concurrency:\n", "concurrency: {}\n", "concurrency:\n  max: null\n"])
    it(`leaves concurrency out for ${JSON.stringify(text)}, so the predictor's @Concurrent decides`, () =>
      assert.equal("concurrency" in parseCogConfig(text, FILE), false));

  const badMax: [string, string][] = [
    ["0", "0"],
    ["-2", "-2"],
    ["1.5", "1.5"],
    ['"4"', '"4"'],
    ["four", '"four"'],
    ["true", "true"],
    ["[4]", "[4]"],
  ];
  for (const [value, shown] of badMax)
    it(`refuses concurrency.max: ${value}, naming the file and what a good value is`, () =>
      assertRefused(`concurrency:\n  max: ${value}\n`, `${FILE}: concurrency.max must be a whole number of at least 1, got ${shown}`));

  it("refuses a max above 1024", () =>
    assertRefused("concurrency:\n  max: 1025\n", `${FILE}: concurrency.max must be at most 1024, got 1025`));

  it("refuses concurrency that is not a mapping, showing how to write it", () => {
    for (const value of ["4", "[1, 2]", '"max: 4"'])
      assertRefused(`concurrency: ${value}\n`, `${FILE}: concurrency must be a mapping, e.g.\nconcurrency:\n  max: 4`);
  });

  it("refuses unknown keys under concurrency, listing the known key", () => {
    assertRefused("concurrency:\n  min: 2\n", `${FILE}: concurrency has unknown key "min"; the known key is: max`);
    assertRefused(
      "concurrency:\n  max: 2\n  min: 1\n  limit: 3\n",
      `${FILE}: concurrency has unknown keys "min", "limit"; the known key is: max`,
    );
  });

  it("keeps predict and secrets alongside it", () =>
    assert.deepEqual(parseCogConfig('predict: "p.ts:P"\nsecrets:\n  hf_token: null\nconcurrency:\n  max: 2\n', FILE), {
      file: FILE,
      predict: "p.ts:P",
      secrets: ["hf_token"],
      concurrency: { max: 2 },
    }));
});
