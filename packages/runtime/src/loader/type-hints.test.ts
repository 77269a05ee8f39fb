import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { preparePredictorSource as addTypeHints } from "./prepare-source.js";

const imports = [
  'import { Path, type Secret as InlineSecret } from "@tsc-cog/sdk";',
  'import type { Secret } from "@tsc-cog/sdk";',
  'import * as sdk from "@tsc-cog/sdk";',
  'import { Meta } from "./types.js";',
  "class Local {}",
].join("\n");

/** A module whose class has one decorated method parameter, on line 7. */
function withParameter(parameter: string): string {
  return `${imports}\nclass P {\n  m(@d() ${parameter}) {}\n}\n`;
}

/** Line 7 of the hinted module: where the parameter is. */
function hintedLine(source: string): string {
  return addTypeHints(source).split("\n")[6];
}

const hint = (literal: string) => `@__tscCogTypeHint(${literal}) `;

describe("type hints (preparePredictorSource)", () => {
  const cases: [parameter: string, inserted: string][] = [
    ["seed: number | null", hint("{ nullable: true, type: Number }")],
    ["name: undefined | string", hint("{ nullable: true, type: String }")],
    ["flag: (boolean | null)", hint("{ nullable: true, type: Boolean }")],
    ["tags: string[]", hint("{ type: [String] }")],
    ["tags: Array<number>", hint("{ type: [Number] }")],
    ["tags: readonly string[]", hint("{ type: [String] }")],
    ["tags: ReadonlyArray<boolean>", hint("{ type: [Boolean] }")],
    ["tags: string[] | null", hint("{ nullable: true, type: [String] }")],
    ["images: Path[] | undefined", hint("{ nullable: true, type: [Path] }")],
    ["img: Path | null", hint("{ nullable: true, type: Path }")],
    ["img: Path | undefined", hint("{ nullable: true, type: Path }")],
    ["local: Local | null", hint("{ nullable: true, type: Local }")],
    ["img: sdk.Path | null", hint("{ nullable: true, type: sdk.Path }")],
    ["token: Secret | null", hint("{ nullable: true }")],
    ["meta: Meta | null", hint("{ nullable: true }")],
    ["metas: Meta[]", ""],
    ["token: InlineSecret | undefined", hint("{ nullable: true }")],
    ["meta: Record<string, number>", hint("{ type: Object }")],
    ["meta: { a: number }", hint("{ type: Object }")],
    ["meta: object", hint("{ type: Object }")],
    ["meta: object | null", hint("{ nullable: true, type: Object }")],
    ["seed: number | null = null", hint("{ nullable: true, type: Number }")],
    ["...rest: string[]", hint("{ type: [String] }")],
    ["text: string", ""],
    ["img: Path", ""],
    ["tokens: Secret[]", ""],
    ["either: string | number", hint("{ union: [String, Number] }")],
    ["either: string | number | null", hint("{ nullable: true, union: [String, Number] }")],
    ["either: undefined | boolean | (number | string)", hint("{ nullable: true, union: [Boolean, Number, String] }")],
    ["either: string[] | number", hint("{ union: [[String], Number] }")],
    ["either: Path | string", hint("{ union: [Path, String] }")],
    ["either: Secret | string", hint('{ union: [{ unsupported: "Secret" }, String] }')],
    ["either: Meta | string", hint('{ union: [{ unsupported: "Meta" }, String] }')],
    ["either: (string | null)[] | number", hint("{ union: [{ nestedGeneric: true }, Number] }")],
    ["either: Array<string | number> | number", hint("{ union: [{ nestedGeneric: true }, Number] }")],
    ["either: Record<string, number> | string", hint("{ union: [Object, String] }")],
    ["mode: 'fast' | 'slow' | null", ""],
    ["anything: unknown", ""],
    ["anything: any | null", hint("{ nullable: true }")],
    ["mode: 'fast' | 'slow'", ""],
  ];
  for (const [parameter, inserted] of cases) {
    it(`hints \`${parameter}\` as ${inserted || "nothing"}`, () => {
      assert.equal(hintedLine(withParameter(parameter)), `  m(${inserted}@d() ${parameter}) {}`);
    });
  }

  it("hints a decorated property, before its modifiers", () => {
    const source = "class I {\n  @d() static readonly seed: number | null = 1;\n  @d() public tags?: string[];\n}\n";
    const lines = addTypeHints(source).split("\n");
    assert.equal(lines[1], `  ${hint("{ nullable: true, type: Number }")}@d() static readonly seed: number | null = 1;`);
    assert.equal(lines[2], `  ${hint("{ type: [String] }")}@d() public tags?: string[];`);
  });

  it("hints every parameter of a method whose only decorator is on the method", () => {
    const source = "class P {\n  @out() m(a: number | null, b: string[]) {}\n}\n";
    assert.equal(
      addTypeHints(source).split("\n")[1],
      `  @out() m(${hint("{ nullable: true, type: Number }")}a: number | null, ${hint("{ type: [String] }")}b: string[]) {}`,
    );
  });

  it("leaves members without decorators alone: swc emits no metadata for them", () => {
    const source = "class P {\n  m(a: number | null) {}\n  p: string[] = [];\n}\n";
    assert.equal(addTypeHints(source), source);
  });

  it("does not count a `this` parameter", () => {
    const source = "class P {\n  m(this: P, @d() seed: number | null) {}\n}\n";
    assert.equal(
      addTypeHints(source).split("\n")[1],
      `  m(this: P, ${hint("{ nullable: true, type: Number }")}@d() seed: number | null) {}`,
    );
  });

  it("does not reference a module name shadowed by a type parameter", () => {
    const source = `${imports}\nclass P<Local> {\n  m<Path>(@d() a: Path | null, @d() b: Local[]) {}\n}\n`;
    assert.equal(hintedLine(source), `  m<Path>(${hint("{ nullable: true }")}@d() a: Path | null, @d() b: Local[]) {}`);
  });

  it("hints class expressions, nested or exported", () => {
    const source = "export const A = class {\n  m(@d() a: number | null) {}\n};\nf(class { @d() p: string[] });\n";
    const lines = addTypeHints(source).split("\n");
    assert.equal(lines[1], `  m(${hint("{ nullable: true, type: Number }")}@d() a: number | null) {}`);
    assert.equal(lines[3], `f(class { ${hint("{ type: [String] }")}@d() p: string[] });`);
  });

  it("inserts at the right byte after non-ASCII text, and again in a second, different source", () => {
    const first = "// Prédicteur ✓ «ünïcødé» 🎉\nconst s = 'naïve';\nclass P { m(@d() a: number | null) {} }\n";
    const second = "/* 日本語のコメント */ class Q { m(@d() b: string[]) {} }\n";
    assert.equal(addTypeHints(first).split("\n")[2], `class P { m(${hint("{ nullable: true, type: Number }")}@d() a: number | null) {} }`);
    assert.equal(
      addTypeHints(second).split("\n")[0],
      `/* 日本語のコメント */ class Q { m(${hint("{ type: [String] }")}@d() b: string[]) {} }`,
    );
    assert.equal(addTypeHints(first).split("\n")[2], `class P { m(${hint("{ nullable: true, type: Number }")}@d() a: number | null) {} }`);
  });

  it("keeps every line where it was and the shebang first, and appends one definition of the decorator", () => {
    const source = "#!/usr/bin/env node\nclass P {\n  m(@d() a: number | null, @d() b: string[]) {}\n}\n";
    const hinted = addTypeHints(source);
    const lines = hinted.split("\n");
    assert.equal(lines[0], "#!/usr/bin/env node");
    assert.deepEqual(lines.slice(3, 5), ["}", ""]);
    assert.equal(hinted.match(/function __tscCogTypeHint\(/g)?.length, 1);
    assert.match(lines[5], /^function __tscCogTypeHint\(hint\) \{.*\}$/);
  });

  it("names the decorator so that it does not clash with a user's name", () => {
    const source = "const __tscCogTypeHint = 1;\nclass P { m(@d() a: number | null) {} }\n";
    const hinted = addTypeHints(source);
    assert.ok(hinted.includes(`m(@__tscCogTypeHint1({ nullable: true, type: Number }) @d() a`));
    assert.ok(hinted.includes("function __tscCogTypeHint1(hint)"));
  });

  it("returns a source that does not parse unchanged, for the compiler to report", () => {
    const source = "class P { m(@d() a: number | null {} }\n";
    assert.equal(addTypeHints(source), source);
  });
});
