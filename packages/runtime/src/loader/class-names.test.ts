import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { preparePredictorSource } from "./prepare-source.js";
import { transformPredictorSource } from "./transform.js";

let dir: string;

describe("class expression names", () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsc-cog-names-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("names a decorated class expression after its variable, and leaves others alone", () => {
    const source =
      "const d = () => () => {};\nexport const Echo = class { m(@d() a: string) {} };\nconst Plain = class {};\nconst Named = class Inner { @d() p = 1; };\n";
    assert.deepEqual(preparePredictorSource(source).split("\n").slice(1, 4), [
      "export const Echo = class Echo { m(@d() a: string) {} };",
      "const Plain = class {};",
      "const Named = class Inner { @d() p = 1; };",
    ]);
  });

  it("keeps the variable's name on the compiled class, where swc alone would name it _class", async () => {
    const source = "const d = () => () => {};\nexport const Echo = class { m(@d() a: string) {} };\n";
    writeFileSync(join(dir, "echo.mjs"), transformPredictorSource(source, join(dir, "echo.ts")));
    const { Echo } = await import(pathToFileURL(join(dir, "echo.mjs")).href);
    assert.equal(Echo.name, "Echo");
  });
});
