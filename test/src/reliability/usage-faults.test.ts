// Faults of the run's set-up, through the built CLI: a broken cog.yaml, -o into a folder that is
// missing or read-only, and a thousand -i flags. A broken set-up is exit 2 with one clear line,
// found before the predictor loads (the fixture's marker proves it never did).
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { assertNoStack, runCli } from "../support/cli.js";
import { fault, makeProject, markedSteps, newMarker } from "../support/project.js";
import { tempDir, unwritableFolders } from "../support/temp.js";

/** A project folder whose cog.yaml is `text`, naming the fault fixture's Items predictor. */
function project(text: (predictor: string) => string): string {
  // Written at test time, not kept as fixtures: Biome parses YAML and would fail on the malformed one.
  return makeProject({ "cog.yaml": text(fault("Items")) }, "tsc-cog-yaml-");
}

describe("a broken cog.yaml", { concurrency: 4 }, () => {
  const cases: ReadonlyArray<readonly [string, (predictor: string) => string, (file: string) => string]> = [
    [
      "malformed YAML (an unclosed flow sequence)",
      (predictor) => `predict: "${predictor}"\nbuild:\n  python_packages: [torch, numpy\n`,
      (file) =>
        `${file} is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 4, column 1`,
    ],
    [
      "an unknown key (a typo of predict:)",
      (predictor) => `predict: "${predictor}"\npredictor: "${predictor}"\n`,
      (file) =>
        `${file} has unknown key "predictor"; known keys are: build, concurrency, environment, image, predict, run, secrets, train, weights, tests`,
    ],
    [
      "a list instead of a mapping",
      (predictor) => `- predict: "${predictor}"\n`,
      (file) => `${file} must be a mapping of keys (predict:, secrets: …)`,
    ],
    [
      "predict: that is not a string",
      (predictor) => `predict:\n  file: "${predictor}"\n`,
      (file) => `${file}: predict must be a string such as "predict.ts:Predictor"`,
    ],
  ];
  for (const [name, text, message] of cases) {
    it(`${name}: exit 2 with one line naming the file, before the predictor loads`, async () => {
      const dir = project(text);
      const marker = newMarker();
      const run = await runCli(["predict", "-i", "items=a"], { cwd: dir, env: { TSC_COG_TEST_MARKER: marker } });
      assert.equal(run.code, 2);
      assert.equal(run.stderr, `error: ${message(join(dir, "cog.yaml"))}\n`);
      assert.equal(run.stdout, "");
      assert.deepEqual(markedSteps(marker), []);
    });
  }

  it("prints no stack trace, even with --debug (a usage error is not a crash)", async () => {
    const dir = project((predictor) => `predict: "${predictor}"\npredictor: x\n`);
    const run = await runCli(["predict", "-i", "items=a", "--debug"], { cwd: dir });
    assert.equal(run.code, 2);
    assertNoStack(run.stderr);
  });

  it("a valid cog.yaml in the same form runs (the failures above are about the file, not the set-up)", async () => {
    const run = await runCli(["predict", "-i", "items=a"], { cwd: project((predictor) => `predict: "${predictor}"\n`) });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { count: 1, first: "a", last: "a" });
  });
});

describe("-o into a folder that cannot take the output", { concurrency: 4 }, () => {
  it("a missing folder: exit 2 before the predictor loads, nothing created", async () => {
    const cwd = tempDir();
    const marker = newMarker();
    for (const target of ["missing/out.json", "missing/"]) {
      const run = await runCli(["predict", fault("Items"), "-i", "items=a", "-o", target], { cwd, env: { TSC_COG_TEST_MARKER: marker } });
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        `error: cannot write output to ${target}: the folder ${join(cwd, "missing")} does not exist (create it first)\n`,
      );
      assert.equal(run.stdout, "");
    }
    assert.deepEqual(markedSteps(marker), []);
    assert.deepEqual(readdirSync(cwd), []);
  });

  it("a read-only folder: exit 2 before the predictor loads, nothing written", async () => {
    // A 0555 folder as a user; as root (who may write anywhere) a folder the kernel refuses to all.
    const folders = unwritableFolders();
    assert.notEqual(folders.length, 0, "no folder refuses this user a new file");
    const cwd = tempDir();
    const marker = newMarker();
    const env = { TSC_COG_TEST_MARKER: marker };
    for (const readOnly of folders) {
      const before = readdirSync(readOnly);
      for (const target of [`${readOnly}/`, join(readOnly, "out.json")]) {
        const run = await runCli(["predict", fault("Items"), "-i", "items=a", "-o", target], { cwd, env });
        assert.equal(run.code, 2, run.stderr);
        assert.equal(run.stderr, `error: cannot write output to ${target}: the folder ${readOnly} is not writable\n`);
      }
      assert.deepEqual(markedSteps(marker), []);
      assert.deepEqual(readdirSync(readOnly), before);
    }
    // The same run into a writable folder works: the refusal above was about the folder, not the user.
    const ok = await runCli(["predict", fault("Items"), "-i", "items=a", "-o", "out.json"], { cwd, env });
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(markedSteps(marker), ["loaded", "setup", "predict"]);
  });
});

describe("a secret the redactor cannot take", () => {
  it("a secret holding a lone surrogate (--json) is refused: exit 2, nothing ran, no stack trace", async () => {
    // `\ud800` is legal JSON but not Unicode text; the redactor cannot encode it, so it could not be scrubbed.
    const marker = newMarker();
    const run = await runCli(["predict", fault("StdinSecret"), "--json", '{"token":"\\ud800abcdefghijk"}'], {
      env: { TSC_COG_TEST_MARKER: marker },
    });
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr,
      /\nerror: invalid input "token": must be valid Unicode text \(it holds a lone surrogate\), or it could not be kept out of logs\n$/,
    );
    assertNoStack(run.stderr);
    assert.deepEqual(markedSteps(marker), ["loaded"], "neither setup() nor predict() ran");
  });
});

describe("a thousand -i flags", () => {
  it("form one list input of 1,000 items, in order", async () => {
    const flags = Array.from({ length: 1000 }, (_, i) => ["-i", `items=item ${i} = "${"x".repeat(i % 50)}"`]).flat();
    const run = await runCli(["predict", fault("Items"), ...flags]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { count: 1000, first: 'item 0 = ""', last: `item 999 = "${"x".repeat(49)}"` });
    assert.equal(run.stderr, "");
  });

  it("of unknown names are rejected in one line, exit 2", async () => {
    const flags = Array.from({ length: 1000 }, (_, i) => ["-i", `n${i}=v`]).flat();
    const run = await runCli(["predict", fault("Items"), ...flags]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^error: unknown inputs "n0", "n1", .*"n999"; valid inputs are: items\n$/);
  });
});
