import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

type Loaded =
  | { ok: true; className: string; file: string; exportName: string; hints: Record<string, unknown>; exports: string[]; fromCache: boolean }
  | { ok: false; name: string; code: string; message: string };

interface ChildReport {
  readonly results: Loaded[];
  /** Whether swc was loaded in the child's main thread (where the hooks run on Node ≥ 22.15). */
  readonly swcLoaded: boolean;
  readonly inThreadHooks: boolean;
}

const fixtures = new URL("../../../../test/fixtures/loader/", import.meta.url);
let root: string;

/** Loads each ref with `loadPredictor` in a fresh Node process (the hooks are per process), in `cwd`. */
function loadInFreshProcess(refs: string[], cwd: string): ChildReport {
  const script = `
    import module from "node:module";
    import { pathToFileURL } from "node:url";
    import { loadPredictor } from ${JSON.stringify(new URL("./load-predictor.js", import.meta.url).href)};
    import { isSwcLoaded } from ${JSON.stringify(new URL("./swc.js", import.meta.url).href)};
    const typeName = (t) => (Array.isArray(t) ? t.map(typeName) : typeof t === "function" ? t.name : String(t));
    const results = [];
    for (const ref of JSON.parse(process.env.REFS)) {
      try {
        const { predictorClass, file, exportName } = await loadPredictor(ref, process.cwd());
        const exports = await import(pathToFileURL(file).href);
        const recorded = globalThis[Symbol.for("tsc-cog.type-hints")]?.get(predictorClass.prototype) ?? [];
        const hints = Object.fromEntries([...recorded].map(([key, hint]) => [key, "type" in hint ? { ...hint, type: typeName(hint.type) } : hint]));
        results.push({ ok: true, className: predictorClass.name, file, exportName, hints, exports: Object.keys(exports), fromCache: exports.__fromCache === true });
      } catch (error) {
        results.push({ ok: false, name: error.name, code: error.code, message: error.message });
      }
    }
    console.log(JSON.stringify({ results, swcLoaded: isSwcLoaded(), inThreadHooks: typeof module.registerHooks === "function" }));`;
  const env = { ...process.env, REFS: JSON.stringify(refs), TSC_COG_CACHE_DIR: join(cwd, ".cache") };
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd, env, encoding: "utf8" }));
}

/** A fresh folder (no node_modules anywhere above it) holding `files`. */
function project(name: string, files: Record<string, string> = {}): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const typedHints = {
  "threshold#": { nullable: true, type: "Number" },
  "predict#1": { nullable: true, type: "Number" },
  "predict#2": { type: ["String"] },
  "predict#3": { nullable: true, type: "Path" },
  "predict#4": { nullable: true },
};

describe("loadPredictor", () => {
  before(() => {
    root = mkdtempSync(join(tmpdir(), "tsc-cog-load-"));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("loads a TypeScript predictor alone in a folder: its hints, its ./x.js import of x.ts, @tsc-cog/sdk", () => {
    const dir = project("typed");
    cpSync(new URL("typed-predictor/", fixtures), dir, { recursive: true });
    const { results } = loadInFreshProcess(["predict.ts", "predict.ts:Echo"], dir);
    assert.deepEqual(results, [
      { ok: true, className: "Predictor", file: join(dir, "predict.ts"), exportName: "Predictor", hints: typedHints, exports: ["Echo", "MODES", "Predictor"], fromCache: false },
      {
        ok: true,
        className: "Echo",
        file: join(dir, "predict.ts"),
        exportName: "Echo",
        hints: { "predict#0": { type: ["String"] }, "predict#1": { nullable: true, type: "Object" } },
        exports: ["Echo", "MODES", "Predictor"],
        fromCache: false,
      },
    ]);
  });

  it("serves a second run from the compile cache without swc, and recompiles a changed file", () => {
    const dir = project("cached");
    cpSync(new URL("typed-predictor/", fixtures), dir, { recursive: true });
    const first = loadInFreshProcess(["predict.ts"], dir);
    if (first.inThreadHooks) assert.equal(first.swcLoaded, true, "the first run compiles in this thread");
    // Mark every cached module: the second run can only see the mark if it read the cache.
    for (const entry of readdirSync(join(dir, ".cache"))) appendFileSync(join(dir, ".cache", entry), "\nexport const __fromCache = true;\n");
    const second = loadInFreshProcess(["predict.ts"], dir);
    assert.equal(second.results[0].ok && second.results[0].fromCache, true);
    if (second.inThreadHooks) assert.equal(second.swcLoaded, false, "a cache hit does not load swc");
    appendFileSync(join(dir, "predict.ts"), "export const VERSION = 2;\n");
    const third = loadInFreshProcess(["predict.ts"], dir);
    assert.deepEqual(third.results[0].ok && [third.results[0].exports, third.results[0].fromCache], [["Echo", "MODES", "Predictor", "VERSION"], false]);
  });

  it("loads .mts, .js and .mjs predictors", () => {
    const sdkPredictor = (body: string) => `import { BasePredictor } from "@tsc-cog/sdk";\nexport class Predictor extends BasePredictor {\n  ${body}\n}\n`;
    const dir = project("extensions", {
      "a.mts": sdkPredictor("predict(@((() => () => {})()) tags: string[]): string { return tags.join(); }"),
      "b.js": sdkPredictor("predict() { return 1; }"),
      "c.mjs": sdkPredictor("run() { return 1; }"),
    });
    const { results } = loadInFreshProcess(["a.mts", "b.js", "c.mjs:Predictor"], dir);
    assert.deepEqual(
      results.map((result) => result.ok && [result.className, result.hints]),
      [["Predictor", { "predict#0": { type: ["String"] } }], ["Predictor", {}], ["Predictor", {}]],
    );
  });

  it("explains each way a predictor fails to load", () => {
    const exportsModule = 'import { BasePredictor } from "@tsc-cog/sdk";\nexport class Predictor extends BasePredictor { predict() {} }\nexport const MODES = ["fast"];\n';
    const dir = project("errors", {
      "predict.ts": exportsModule,
      "predict.py": "",
      "empty.ts": "export {};\n",
      "syntax.ts": "// é\nexport class Predictor {\n  predict(a: number {\n  }\n}\n",
      "uses-broken.ts": 'import "./broken-helper.js";\n',
      "broken-helper.ts": "export const ok = true;\nexport const = 1;\n",
      "broken.mjs": "export const a = 1;\nlet x = ;\n",
      "throws.ts": 'throw new Error("weights not found; run download.sh first");\n',
      "missing-dependency.ts": 'import "left-pad-that-is-not-installed";\n',
    });
    mkdirSync(join(dir, "models"));
    writeFileSync(join(dir, "models", "predict.ts"), exportsModule);
    const refs = ["nope.ts", "predict.py", "syntax.ts", "uses-broken.ts", "broken.mjs", "predict.ts:Predictr", "models/predict.ts:Nope", "empty.ts"];
    const more = ["predict.ts:MODES", "throws.ts", "missing-dependency.ts"];
    const { results } = loadInFreshProcess([...refs, ...more], dir);
    const notAPredictor = "is not a predictor class (it should extend BasePredictor from @tsc-cog/sdk and define predict())";
    assert.deepEqual(
      results.map((result) => !result.ok && [result.name, result.code, result.message.replace(/ imported from .*/, " imported from …")]),
      [
        ["PredictorLoadError", "file-not-found", `predictor file nope.ts not found (looked for ${join(dir, "nope.ts")})`],
        ["PredictorLoadError", "file-not-found", "predict.py is not a predictor file: give a .ts, .mts, .js or .mjs file"],
        ["PredictorLoadError", "syntax", "syntax.ts:3:21: Expected ',', got '{'"],
        ["PredictorLoadError", "syntax", "broken-helper.ts:2:14: Expected a semicolon"],
        ["PredictorLoadError", "syntax", "broken.mjs:2:9: Expression expected"],
        ["PredictorLoadError", "missing-export", 'predict.ts has no export "Predictr"; its exports are: Predictor, MODES'],
        ["PredictorLoadError", "missing-export", 'models/predict.ts has no export "Nope"; its exports are: Predictor, MODES'],
        ["PredictorLoadError", "missing-export", 'empty.ts has no export "Predictor"; it has no exports'],
        ["PredictorLoadError", "not-a-predictor", `export "MODES" of predict.ts ${notAPredictor}`],
        ["PredictorLoadError", "import-failed", "throws.ts failed to load: weights not found; run download.sh first"],
        ["PredictorLoadError", "import-failed", "missing-dependency.ts failed to load: Cannot find package 'left-pad-that-is-not-installed' imported from …"],
      ],
    );
  });
});
