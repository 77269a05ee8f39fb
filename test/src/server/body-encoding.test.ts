// Request bodies are UTF-8 JSON: invalid UTF-8 anywhere in the bytes (inside a string, a key, a
// webhook URL) is a 400 with a JSON error, as in Cog — never accepted with U+FFFD in its place, never
// a 500 — and valid multi-byte text passes unharmed. Raw bytes are written with node:http.
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, it } from "node:test";
import { serverFixture } from "../support/project.js";
import { type ServeProcess, startServe, stopAll } from "./support/serve-process.js";

let server: ServeProcess;

/** POSTs `body` byte for byte; resolves with the status, content type and body text. */
function postBytes(path: string, body: Buffer, method = "POST"): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers: { "content-type": "application/json", "content-length": body.length } });
    req.setTimeout(20_000, () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          type: String(response.headers["content-type"]),
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.end(body);
  });
}

/** `before`, then the raw bytes, then `after`, as one body. */
const bytes = (before: string, raw: number[], after: string) => Buffer.concat([Buffer.from(before), Buffer.from(raw), Buffer.from(after)]);

describe("tsc-cog serve: request bodies must be UTF-8", { timeout: 60_000 }, () => {
  before(async () => {
    server = await startServe({ cwd: serverFixture("basic") });
  });
  after(stopAll);

  it("answers 400 with a JSON error for invalid UTF-8, wherever it is in the body", async () => {
    const cases: [string, Buffer][] = [
      ["0xC3 0x28 in a string input", bytes('{"input":{"text":"a', [0xc3, 0x28], 'b"}}')],
      ["0xFF in a key", bytes('{"input":{"te', [0xff], 'xt":"a"}}')],
      ["a stray continuation byte in a secret input", bytes('{"input":{"text":"a","token":"secret-', [0x80], '-value"}}')],
      ["an overlong encoding", bytes('{"input":{"text":"', [0xc0, 0xaf], '"}}')],
      ["an encoded surrogate", bytes('{"input":{"text":"', [0xed, 0xa0, 0x80], '"}}')],
      ["a truncated 4-byte character at the end of a string", bytes('{"input":{"text":"', [0xf0, 0x9f, 0x98], '"}}')],
      ["invalid bytes in the webhook URL", bytes('{"input":{"text":"a"},"webhook":"http://127.0.0.1:1/', [0xfe], '"}')],
    ];
    for (const [name, body] of cases) {
      for (const [method, path] of [
        ["POST", "/predictions"],
        ["PUT", "/predictions/utf8-check"],
      ]) {
        const reply = await postBytes(path, body, method);
        assert.equal(reply.status, 400, `${name} (${method}): ${reply.status} ${reply.text}`);
        assert.match(reply.type, /application\/json/);
        assert.deepEqual(JSON.parse(reply.text), { detail: "the request body is not valid UTF-8" }, name);
      }
    }
  });

  it("accepts valid multi-byte UTF-8 unharmed, and keeps serving", async () => {
    const reply = await postBytes("/predictions", Buffer.from('{"input":{"text":"é😀ü"}}', "utf8"));
    assert.equal(reply.status, 200, reply.text);
    const json = JSON.parse(reply.text);
    assert.equal(json.status, "succeeded");
    assert.equal(json.output, "é😀ü|ratio=0.5|tags=|token=none");
    assert.doesNotMatch(server.stderr(), /Internal Server Error|\n\s+at /, "no 500 and no stack trace in the log");
  });
});
