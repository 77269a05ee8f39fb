import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createProject, loadInFreshProcess } from "./fresh-process.test-support.js";

const fixtures = new URL("../../../../test/fixtures/loader/", import.meta.url);
let root: string;
const project = (name: string, files?: Record<string, string>) => createProject(root, name, files);

const typedHints = {
  "threshold#": { nullable: true, type: "Number" },
  "predict#1": { nullable: true, type: "Number" },
  "predict#2": { type: ["String"] },
  "predict#3": { nullable: true, type: "Path" },
  "predict#4": { nullable: true },
  "predict#5": { nullable: true },
};

describe("loadPredictor", () => {
  before(() => {
    root = mkdtempSync(join(tmpdir(), "tsc-cog-load-"));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("loads a TypeScript predictor alone in a folder: its hints, its ./x.js import of x.ts, @tsc-cog/sdk", () => {
    const dir = project("typed");
    cpSync(new URL("typed-predictor/", fixtures), dir, { recursive: true });
    const { results } = loadInFreshProcess(["predict.ts"], dir);
    assert.deepEqual(results, [
      {
        ok: true,
        className: "Predictor",
        file: join(dir, "predict.ts"),
        exportName: "Predictor",
        hints: typedHints,
        exports: ["MODES", "Predictor"],
        fromCache: false,
      },
    ]);
  });

  it("resolves the SDK's own dependencies (class-validator) for a predictor alone in a folder", () => {
    const dir = project("validators", {
      "predict.ts": `import { IsEmail } from "class-validator";
import { BasePredictor, Input, Inputs } from "@tsc-cog/sdk";
export class Contact {
  @Input() @IsEmail() email!: string;
}
export class Predictor extends BasePredictor {
  predict(@Inputs() input: Contact): string {
    return input.email;
  }
}
`,
    });
    const [loaded] = loadInFreshProcess(["predict.ts"], dir).results;
    assert.deepEqual(loaded.ok && [loaded.className, loaded.exports], ["Predictor", ["Contact", "Predictor"]]);
  });

  it("loads a predictor that is a class expression, under its variable's name", () => {
    // TypeScript itself rejects decorators in class expressions; swc accepts them, so the loader must too.
    const dir = project("expression", {
      "echo.ts": `import { BasePredictor, Input } from "@tsc-cog/sdk";
export const Echo = class extends BasePredictor {
  predict(@Input() words: readonly string[], @Input({ default: null }) extra: Record<string, number> | undefined): string {
    return words.join(" ") + JSON.stringify(extra);
  }
};
`,
    });
    const [echo] = loadInFreshProcess(["echo.ts:Echo"], dir).results;
    assert.deepEqual(echo.ok && [echo.className, echo.hints], [
      "Echo",
      { "predict#0": { type: ["String"] }, "predict#1": { nullable: true, type: "Object" } },
    ]);
  });

  it("serves a second run from the compile cache without swc, and recompiles a changed file", () => {
    const dir = project("cached");
    cpSync(new URL("typed-predictor/", fixtures), dir, { recursive: true });
    const first = loadInFreshProcess(["predict.ts"], dir);
    if (first.inThreadHooks) assert.equal(first.swcLoaded, true, "the first run compiles in this thread");
    // Mark every cached module: the second run can only see the mark if it read the cache.
    for (const entry of readdirSync(join(dir, ".cache")))
      appendFileSync(join(dir, ".cache", entry), "\nexport const __fromCache = true;\n");
    const second = loadInFreshProcess(["predict.ts"], dir);
    assert.equal(second.results[0].ok && second.results[0].fromCache, true);
    if (second.inThreadHooks) assert.equal(second.swcLoaded, false, "a cache hit does not load swc");
    appendFileSync(join(dir, "predict.ts"), "export const VERSION = 2;\n");
    const third = loadInFreshProcess(["predict.ts"], dir);
    assert.deepEqual(third.results[0].ok && [third.results[0].exports, third.results[0].fromCache], [
      ["MODES", "Predictor", "VERSION"],
      false,
    ]);
  });

  it("loads .mts, .js and .mjs predictors", () => {
    const sdkPredictor = (body: string) =>
      `import { BasePredictor } from "@tsc-cog/sdk";\nexport class Predictor extends BasePredictor {\n  ${body}\n}\n`;
    const dir = project("extensions", {
      "a.mts": sdkPredictor("predict(@((() => () => {})()) tags: string[]): string { return tags.join(); }"),
      "b.js": sdkPredictor("predict() { return 1; }"),
      "c.mjs": sdkPredictor("run() { return 1; }"),
    });
    const { results } = loadInFreshProcess(["a.mts", "b.js", "c.mjs:Predictor"], dir);
    assert.deepEqual(
      results.map((result) => result.ok && [result.className, result.hints]),
      [
        ["Predictor", { "predict#0": { type: ["String"] } }],
        ["Predictor", {}],
        ["Predictor", {}],
      ],
    );
  });
});
