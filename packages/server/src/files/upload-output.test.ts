import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Path } from "@tsc-cog/sdk";
import { Redactor } from "@tsc-cog/sdk/engine";
import { uploadName } from "./upload-output.js";

const redactor = new Redactor();
redactor.register("s3cr3t-token-value", "key");

describe("the name a returned file is uploaded as", () => {
  const cases: [string, string, string][] = [
    ["a plain name is kept (Cog's basename)", "/tmp/x/out.png", "out.png"],
    ["a name holding a secret is replaced, extension and all", "/tmp/x/s3cr3t-token-value.png", "output-7"],
    ["a name with spaces or other characters gets a plain one with its extension", "/tmp/x/my file (1).png", "output-7.png"],
    ["a hidden file gets a plain one", "/tmp/x/.env", "output-7"],
  ];
  for (const [name, path, expected] of cases) it(name, () => assert.equal(uploadName(new Path(path), redactor, 7), expected));
});
