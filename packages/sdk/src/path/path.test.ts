import assert from "node:assert/strict";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { isPath, Path } from "../index.js";

describe("Path", () => {
  it("makes a relative path absolute against the current directory", () => {
    const p = new Path("out/image.png");
    assert.equal(p.path, resolve("out/image.png"));
    assert.equal(String(p), resolve("out/image.png"));
    assert.equal(`${p}`, resolve("out/image.png"));
    assert.equal(JSON.stringify({ p }), JSON.stringify({ p: resolve("out/image.png") }));
  });

  it("keeps an absolute path and gives its name and extension", () => {
    const p = new Path("/tmp/a.b/photo.tar.gz");
    assert.equal(p.path, "/tmp/a.b/photo.tar.gz");
    assert.equal(p.name, "photo.tar.gz");
    assert.equal(p.ext, ".gz");
    assert.equal(new Path("/tmp/README").ext, "");
  });

  it("is recognised by brand, also from another SDK copy, and strings are not Paths", () => {
    assert.equal(isPath(new Path("/x")), true);
    assert.equal(isPath(Object.create({ [Symbol.for("tsc-cog.path")]: true })), true);
    for (const value of ["/x", null, undefined, { path: "/x" }]) assert.equal(isPath(value), false);
  });
});
