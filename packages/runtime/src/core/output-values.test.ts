import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Path, Secret } from "@tsc-cog/sdk";
import { Redactor } from "@tsc-cog/sdk/engine";
import { toWire } from "../values/wire.js";
import { containsPath, outputExtension, presentOutput, replacePaths } from "./output-values.js";

const CANARY = "tsc-cog-CANARY-values-5d4c3b2a";
const redactor = new Redactor();
redactor.register(CANARY, "token");

describe("outputs as the core presents them", () => {
  it("masks Secrets and redacts strings, keys and numbers at any depth, keeping Paths", () => {
    const value = presentOutput(
      toWire({ [`key ${CANARY}`]: [{ s: new Secret("x"), t: `a ${CANARY}`, p: new Path("/tmp/a.png") }] }),
      redactor,
    );
    assert.deepEqual(JSON.parse(JSON.stringify(value)), { "key **********": [{ s: "**********", t: "a **********", p: "/tmp/a.png" }] });
    assert.ok(containsPath(value));
  });

  it("replaces every Path at any depth, numbered in document order", async () => {
    const value = { a: new Path("/x/one.txt"), b: [1, { c: new Path("/x/two.txt") }], d: "text" };
    const replaced = await replacePaths(value, async (path, index) => `${index}:${path.path}`);
    assert.deepEqual(replaced, { a: "0:/x/one.txt", b: [1, { c: "1:/x/two.txt" }], d: "text" });
  });

  it("never names a written file by a secret the predictor put in its name or extension", () => {
    assert.equal(outputExtension(new Path("/x/out.png"), redactor), ".png");
    assert.equal(outputExtension(new Path(`/x/${CANARY}.png`), redactor), "");
    assert.equal(outputExtension(new Path(`/x/out.${CANARY.slice(0, 12)}`), redactor), "", "not a plain extension");
    assert.equal(outputExtension(new Path("/x/no-extension"), redactor), "");
  });
});
