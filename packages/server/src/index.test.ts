import assert from "node:assert/strict";
import { test } from "node:test";

test("the package's public surface is exactly this list", async () => {
  assert.deepEqual(Object.keys(await import("./index.js")).sort(), ["startServer"]);
});
