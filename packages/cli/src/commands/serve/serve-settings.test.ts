import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "@tsc-cog/runtime";
import { resolveUploadUrl } from "./serve-settings.js";

describe("--upload-url", () => {
  it("is absent unless given", () => assert.equal(resolveUploadUrl(undefined), undefined));
  for (const url of ["http://127.0.0.1:9000/up", "https://uploads.example/bucket/"])
    it(`takes ${url}`, () => assert.equal(resolveUploadUrl(url), url));
  for (const url of ["uploads.example/up", "ftp://uploads.example/", "file:///tmp/up", ""])
    it(`refuses ${JSON.stringify(url)} as a usage error naming the flag`, () =>
      assert.throws(
        () => resolveUploadUrl(url),
        (error: unknown) => error instanceof UsageError && /--upload-url must be an http/.test(error.message),
      ));
});
