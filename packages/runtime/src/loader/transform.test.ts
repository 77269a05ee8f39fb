import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { MetadataKeys } from "@tsc-cog/sdk/engine";
import { TypeScriptSyntaxError } from "./syntax-error.js";
import { transformPredictorSource } from "./transform.js";
import { TYPE_HINTS_KEY } from "./type-hints.js";

type Hints = WeakMap<object, Map<string, { nullable?: boolean; type?: unknown }>>;
type Constructor = new (...args: never[]) => Record<string, (...args: unknown[]) => unknown>;

let dir: string;

/** Compiles `source` as `<dir>/<name>.ts`, writes the result beside it as `.mjs` and imports it. */
async function compileAndImport(name: string, source: string): Promise<Record<string, unknown>> {
  const code = transformPredictorSource(source, join(dir, `${name}.ts`));
  writeFileSync(join(dir, `${name}.mjs`), code);
  return import(pathToFileURL(join(dir, `${name}.mjs`)).href);
}

function hintsOf(target: object): Record<string, unknown> {
  const hints = (globalThis as Record<symbol, Hints | undefined>)[Symbol.for(TYPE_HINTS_KEY)];
  return Object.fromEntries(hints?.get(target) ?? []);
}

const decorator = "const d = () => () => {};\n";

describe("transformPredictorSource", () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsc-cog-transform-"));
    process.setSourceMapsEnabled(true);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the hints where the SDK reads them", () => {
    assert.equal(Symbol.for(TYPE_HINTS_KEY), MetadataKeys.typeHints);
  });

  it("records each hint under the prototype, as method#index and property#", async () => {
    const source = `// Prédicteur ✓ — non-ASCII before the class
import type { Secret } from "@tsc-cog/sdk";
export class Path {}
${decorator}export class Predictor {
  @d() threshold: number | null = null;
  predict(@d() text: string, @d() seed: number | null, @d() tags: string[], @d() img: Path | null, @d() token: Secret | null) {}
  @d() static make(@d() sizes: number[]) {}
}
`;
    const module = await compileAndImport("hints", source);
    const Predictor = module.Predictor as Constructor;
    const Path = module.Path;
    assert.deepEqual(hintsOf(Predictor.prototype), {
      "threshold#": { nullable: true, type: Number },
      "predict#1": { nullable: true, type: Number },
      "predict#2": { type: [String] },
      "predict#3": { nullable: true, type: Path },
      "predict#4": { nullable: true },
    });
    assert.deepEqual(hintsOf(Predictor), { "make#0": { type: [Number] } });
  });

  it("records hints of class expressions and of a second module compiled in the same process", async () => {
    const first = await compileAndImport("first", `${decorator}export const A = class { m(@d() a: string[] | undefined) {} };\n`);
    const second = await compileAndImport(
      "second",
      `/* 日本語 */ ${decorator}export default class { @d() p: Record<string, string> | null = null; }\n`,
    );
    assert.deepEqual(hintsOf((first.A as Constructor).prototype), { "m#0": { nullable: true, type: [String] } });
    assert.deepEqual(hintsOf((second.default as Constructor).prototype), { "p#": { nullable: true, type: Object } });
  });

  it("keeps decorator metadata, class names and the type-only import out of the output", async () => {
    const source = `import type { Secret } from "@tsc-cog/sdk";\n${decorator}export class Named { m(@d() s: Secret | null) {} }\n`;
    const code = transformPredictorSource(source, join(dir, "named.ts"));
    assert.ok(!code.includes("@tsc-cog/sdk"), "the type-only import is erased");
    assert.match(code, /_ts_metadata\("design:paramtypes"/);
    const module = await compileAndImport("named", source);
    assert.equal((module.Named as Constructor).name, "Named");
  });

  it("maps stack traces to the .ts file and line", async () => {
    const source = `${decorator}export class Thrower {\n  @d() fail(): never {\n    throw new Error("boom");\n  }\n}\n`;
    const module = await compileAndImport("thrower", source);
    const error = (() => {
      try {
        new (module.Thrower as Constructor)().fail();
      } catch (thrown) {
        return thrown as Error;
      }
    })();
    assert.match(error?.stack ?? "", new RegExp(`${join(dir, "thrower.ts").replaceAll(/[.\\]/g, "\\$&")}:4:11`));
  });

  it("reports a syntax error as file:line:column: reason", () => {
    const file = join(dir, "broken.ts");
    const source = "// é\nexport class Broken {\n  predict(a: number {\n  }\n}\n";
    assert.throws(
      () => transformPredictorSource(source, file),
      (error: unknown) => {
        assert.ok(error instanceof TypeScriptSyntaxError);
        assert.deepEqual([error.line, error.column, error.reason], [3, 21, "Expected ',', got '{'"]);
        assert.equal(error.message, `${file}:3:21: Expected ',', got '{'`);
        return true;
      },
    );
  });
});
