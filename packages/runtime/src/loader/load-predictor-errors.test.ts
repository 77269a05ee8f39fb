import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createProject, type LoadOutcome, loadInFreshProcess } from "./fresh-process.test-support.js";

const exportsModule = `import { BasePredictor } from "@tsc-cog/sdk";
export class Predictor extends BasePredictor { predict() {} }
export const MODES = ["fast"];
`;

const files: Record<string, string> = {
  "predict.ts": exportsModule,
  "predict.py": "",
  "empty.ts": "export {};\n",
  "syntax.ts": "// é\nexport class Predictor {\n  predict(a: number {\n  }\n}\n",
  "uses-broken.ts": 'import "./broken-helper.js";\n',
  "broken-helper.ts": "export const ok = true;\nexport const = 1;\n",
  "broken.mjs": "export const a = 1;\nlet x = ;\n",
  "throws.ts": 'throw new Error("weights not found; run download.sh first");\n',
  "missing-dependency.ts": 'import "left-pad-that-is-not-installed";\n',
};

const notAPredictor = "is not a predictor class (it should extend BasePredictor from @tsc-cog/sdk and define predict())";

/** Each ref, the code and the exact message (`DIR` stands for the project folder). */
const cases: [ref: string, code: string, message: string][] = [
  ["nope.ts", "file-not-found", "predictor file nope.ts not found (looked for DIR/nope.ts)"],
  ["predict.py", "file-not-found", "predict.py is not a predictor file: give a .ts, .mts, .js or .mjs file"],
  ["syntax.ts", "syntax", "syntax.ts:3:21: Expected ',', got '{'"],
  ["uses-broken.ts", "syntax", "broken-helper.ts:2:14: Unexpected token `=`. Expected yield, an identifier, [ or {"],
  ["broken.mjs", "syntax", "broken.mjs:2:9: Expression expected"],
  ["predict.ts:Predictr", "missing-export", 'predict.ts has no export "Predictr"; its exports are: Predictor, MODES'],
  ["models/predict.ts:Nope", "missing-export", 'models/predict.ts has no export "Nope"; its exports are: Predictor, MODES'],
  ["empty.ts", "missing-export", 'empty.ts has no export "Predictor"; it has no exports'],
  ["predict.ts:MODES", "not-a-predictor", `export "MODES" of predict.ts ${notAPredictor}`],
  ["throws.ts", "import-failed", "throws.ts failed to load: weights not found; run download.sh first"],
  [
    "missing-dependency.ts",
    "import-failed",
    `missing-dependency.ts failed to load: Cannot find package 'left-pad-that-is-not-installed' imported from DIR/missing-dependency.ts`,
  ],
];

let root: string;
let dir: string;
let outcomes: LoadOutcome[];

describe("loadPredictor errors", () => {
  before(() => {
    root = mkdtempSync(join(tmpdir(), "tsc-cog-load-errors-"));
    dir = createProject(root, "errors", files);
    mkdirSync(join(dir, "models"));
    writeFileSync(join(dir, "models", "predict.ts"), exportsModule);
    outcomes = loadInFreshProcess(
      cases.map(([ref]) => ref),
      dir,
    ).results;
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  cases.forEach(([ref, code, message], index) => {
    it(`${ref}: ${code}, "${message}"`, () => {
      const outcome = outcomes[index];
      assert.ok(!outcome.ok);
      assert.deepEqual([outcome.name, outcome.code, outcome.message], ["PredictorLoadError", code, message.replaceAll("DIR", dir)]);
    });
  });

  it("keeps what the predictor threw as the cause", () => {
    const thrown = outcomes[cases.findIndex(([ref]) => ref === "throws.ts")];
    assert.equal(!thrown.ok && thrown.cause, "weights not found; run download.sh first");
  });
});
