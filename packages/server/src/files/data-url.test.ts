import assert from "node:assert/strict";
import { test } from "node:test";
import { extensionOf, mimeTypeOf, parseDataUrl, toDataUrl } from "./data-url.js";

test("data URLs are decoded (base64 or percent-encoded) and encoded as base64", () => {
  assert.deepEqual(parseDataUrl("data:image/png;base64,AAEC"), { mimeType: "image/png", bytes: Buffer.from([0, 1, 2]) });
  assert.deepEqual(parseDataUrl("data:,hello%20world"), { mimeType: "text/plain", bytes: Buffer.from("hello world") });
  assert.deepEqual(parseDataUrl("data:text/plain;charset=utf-8,%C3%A9"), { mimeType: "text/plain", bytes: Buffer.from("é") });
  assert.equal(parseDataUrl("https://example.com/x.png"), undefined);
  assert.equal(parseDataUrl("data:,%E0%A4%A"), undefined);
  assert.equal(toDataUrl(Buffer.from("hi"), "text/plain"), "data:text/plain;base64,aGk=");
});

test("media types follow the extension, and back", () => {
  assert.equal(mimeTypeOf("/tmp/out.PNG"), "image/png");
  assert.equal(mimeTypeOf("/tmp/out.weird"), "application/octet-stream");
  assert.equal(extensionOf("image/jpeg"), ".jpg");
  assert.equal(extensionOf("application/x-unknown"), "");
});
