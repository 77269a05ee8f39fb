// Naming and loading a predictor (DESIGN §7, issue 4 "Loading"): every ref form, a lone predict.ts
// in an empty folder, and the messages of a predictor that cannot be loaded (exit 1) or found (exit 2).
import assert from "node:assert/strict";
import { copyFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../support/cli.js";
import { EXAMPLES, makeProject, PREDICT_FIXTURES, predictFixture } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const REFS = join(PREDICT_FIXTURES, "refs");
const SDK_PREDICTOR = (body: string) =>
  `import { BasePredictor, Input } from "@tsc-cog/sdk";\n\nexport class Predictor extends BasePredictor {\n${body}\n}\n`;

describe("predictor references", { concurrency: 4 }, () => {
  it("cog.yaml's predict: names the predictor (here a .mts file and a named export)", async () => {
    const run = await runCli(["predict", "-i", "name=yaml"], { cwd: REFS });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "mts says hi to yaml\n");
  });

  it("file.ts uses the export Predictor", async () => {
    const run = await runCli(["predict", predictFixture("inputs"), "-i", "prompt=plain ref"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).prompt, "plain ref");
  });

  it("file.ts:Export picks the export", async () => {
    const run = await runCli(["predict", predictFixture("behaviour", "Words")]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "one\ntwo words\n");
  });

  for (const ext of ["mts", "js", "mjs"]) {
    it(`loads a .${ext} predictor, relative to the current folder`, async () => {
      const run = await runCli(["predict", `greet.${ext}:Greeter`, "-i", "name=you"], { cwd: REFS });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, ext === "mts" ? "mts says hi to you\n" : `${ext} says hi to you x1\n`);
    });
  }

  it("a precompiled .js predictor's declared types are used for coercion", async () => {
    const run = await runCli(["predict", join(REFS, "greet.js:Greeter"), "-i", "name=n", "-i", "times=3"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "js says hi to n x3\n");
  });

  it("a lone predict.ts in an empty folder without node_modules runs, with the CLI's own SDK", async () => {
    const dir = tempDir("tsc-cog-lone-");
    for (let up = dir; up !== dirname(up); up = dirname(up)) {
      assert.equal(existsSync(join(up, "node_modules")), false, `precondition: no node_modules in ${up}`);
    }
    copyFileSync(join(EXAMPLES, "hello", "predict.ts"), join(dir, "predict.ts"));
    const run = await runCli(["predict", "predict.ts", "-i", "name=lone"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "hello lone\n");
  });
});

describe("a predictor that cannot be found: exit 2", { concurrency: 4 }, () => {
  it("a file that does not exist", async () => {
    const run = await runCli(["predict", "nope.ts"], { cwd: tempDir() });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "error: predictor file nope.ts does not exist\n");
  });

  it("no file given and no cog.yaml", async () => {
    const cwd = tempDir();
    const run = await runCli(["predict"], { cwd });
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      `error: no predictor given and no cog.yaml in ${cwd}; pass a file (tsc-cog predict predict.ts) or create cog.yaml with predict: "predict.ts:Predictor"\n`,
    );
  });

  it("cog.yaml naming a file that does not exist", async () => {
    const cwd = makeProject({ "cog.yaml": 'predict: "gone.ts:Predictor"\n' });
    const run = await runCli(["predict"], { cwd });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, `error: ${join(cwd, "cog.yaml")} names gone.ts, which does not exist\n`);
  });
});

describe("a predictor that cannot be loaded: exit 1, and what to fix", { concurrency: 4 }, () => {
  it("a TypeScript syntax error shows file:line:column and the reason", async () => {
    const cwd = makeProject({
      "predict.ts": SDK_PREDICTOR("  predict(): number {\n    return 1 +;\n  }"),
    });
    const run = await runCli(["predict", "predict.ts"], { cwd });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^error: failed to load the predictor: predict\.ts:5:15: Expression expected\n/);
    assert.doesNotMatch(run.stderr, /^\s+at /m);
    assert.doesNotMatch(run.stderr, /caused by:/, "the reason is said once, not repeated as a cause");
  });

  it("a JavaScript syntax error shows file:line:column too", async () => {
    const cwd = makeProject({ "broken.mjs": "export const a = 1;\nlet x = ;\n" });
    const run = await runCli(["predict", "broken.mjs"], { cwd });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^error: failed to load the predictor: broken\.mjs:2:9: Expression expected\n/);
  });

  it("a missing export lists the exports there are, predictors first", async () => {
    const run = await runCli(["predict", predictFixture("behaviour", "Nope")], { cwd: join(PREDICT_FIXTURES, "behaviour") });
    assert.equal(run.code, 1);
    const listed = /^error: failed to load the predictor: predict\.ts has no export "Nope"; its exports are: (.*)\n/.exec(run.stderr)?.[1];
    assert.ok(listed, run.stderr);
    const names = listed.split(", ");
    assert.deepEqual(names.slice(-2), ["Plain", "answer"], "the exports that are not predictors come last");
    const predictors = names.slice(0, -2);
    assert.deepEqual(predictors, [...predictors].sort());
    for (const name of ["Chunks", "Fails", "OnePath", "Words"]) assert.ok(predictors.includes(name), name);
  });

  it("an export that is not a predictor says what a predictor is", async () => {
    for (const name of ["Plain", "answer"]) {
      const run = await runCli(["predict", `predict.ts:${name}`], { cwd: join(PREDICT_FIXTURES, "behaviour") });
      assert.equal(run.code, 1);
      assert.match(
        run.stderr,
        new RegExp(
          `^error: failed to load the predictor: export "${name}" of predict\\.ts is not a predictor class \\(it should extend BasePredictor from @tsc-cog/sdk and define predict\\(\\)\\)\\n`,
        ),
      );
    }
  });

  it("a module that throws while it is imported", async () => {
    const cwd = makeProject({ "predict.ts": 'throw new Error("boom at import");\nexport {};\n' });
    const run = await runCli(["predict", "predict.ts"], { cwd });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^error: failed to load the predictor: predict\.ts failed to load: boom at import\n/);
  });

  it("a predictor failing its definition checks lists every problem", async () => {
    const cwd = makeProject({
      "predict.ts": SDK_PREDICTOR(
        '  predict(@Input({ ge: 1 }) name: string, @Input({ choices: ["a"] }) pick: string): string {\n    return name + pick;\n  }',
      ),
    });
    const run = await runCli(["predict", "predict.ts", "-i", "name=x", "-i", "pick=a"], { cwd });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /^error: failed to load the predictor: predictor Predictor has 2 problems in its definition:\n- Predictor\.predict\(\) parameter "name" \(index 0\): ge\/le only apply to numbers, but the input is string\. Fix: .*\n- Predictor\.predict\(\) parameter "pick" \(index 1\): choices needs at least 2 values\. Fix: .*\n/,
    );
  });
});
