import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeChanges } from "./reload-on-change.js";

describe("describeChanges: the changed files a reload line names", () => {
  const rows: readonly [string, readonly string[], string][] = [
    ["one file is named", ["predict.ts"], "predict.ts"],
    ["two are joined with and", ["cog.yaml", "predict.ts"], "cog.yaml and predict.ts"],
    ["three are listed", ["a.ts", "b.ts", "c.ts"], "a.ts, b.ts and c.ts"],
    ["past three, the rest are counted", ["a.ts", "b.ts", "c.ts", "d.ts", "e.ts"], "a.ts, b.ts, c.ts and 2 more"],
  ];
  for (const [name, files, expected] of rows) it(name, () => assert.equal(describeChanges(files), expected));
});
