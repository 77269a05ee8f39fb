// HTTP fuzzing of `tsc-cog serve` (fast-check, fixed seed, bounded runs): random JSON, wrong content
// types, random routes, huge and deeply nested bodies. Every answer is JSON; a bad request is a 4xx,
// never a 5xx; the server keeps serving (health READY, a valid prediction succeeds) afterwards.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { call, type Reply } from "../server/support/http.js";
import { type ServeProcess, startServe, waitForHealth } from "../server/support/serve-process.js";
import { fixturePath } from "../support/project.js";
import { tempDir } from "../support/temp.js";
import { nastyString } from "./arbitraries.js";

const SEED = 7_2026;
const ECHO = `${fixturePath("reliability", "serve", "predict.ts")}:Echo`;
const SECRET = "fuzz-secret-value-2718";
const INPUT_NAMES = ["text", "count", "ratio", "flag", "mode", "tags", "options", "token"];

let server: ServeProcess;
before(async () => {
  server = await startServe({ cwd: tempDir(), args: [ECHO, "--concurrency", "2"], timeoutMs: 60_000 });
});
after(async () => {
  await server?.stop();
});

/** True when `body` gives the secret input `token` the value {@link SECRET} (alone, or inside a wrong-typed value). */
const givesSecret = (body: unknown) =>
  JSON.stringify((body as { input?: { token?: unknown } } | null)?.input?.token ?? null).includes(SECRET);

/** A reply is JSON with a `detail` (errors) or a prediction; never a 5xx; never the secret it was given. */
function assertWellFormed(reply: Reply, what: string, secretGiven = false): void {
  assert.ok(reply.status < 500, `${what} → ${reply.status} ${reply.text.slice(0, 500)}`);
  assert.match(reply.headers.get("content-type") ?? "", /^application\/json/, `${what}: not JSON`);
  assert.notEqual(reply.json, undefined, `${what}: body is not JSON: ${reply.text.slice(0, 200)}`);
  if (secretGiven) assert.ok(!reply.text.includes(SECRET), `${what}: the secret in the reply`);
  assert.doesNotMatch(reply.text, /\n\s+at /, `${what}: a stack trace in the reply`);
}

/** The server still answers a health check and a valid prediction. */
async function assertServing(): Promise<void> {
  assert.equal(server.child.exitCode, null, `the server exited:\n${server.stderr()}`);
  await waitForHealth(server.url, "READY", 30_000);
  const ok = await call("POST", `${server.url}/predictions`, { body: { input: { text: "still here", count: 2 } } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.status, "succeeded");
  assert.equal(ok.json.output.text, "still here");
}

/** A value for one of Echo's inputs: usually of the wrong type, sometimes right, sometimes the secret. */
const inputValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nastyString,
  fc.constantFrom("fast", "slow", 0, 10, 11, -1, 1.5, true, null, [], {}, SECRET, [SECRET], { nested: SECRET }),
);
/** `{input: {...}}` with known and unknown names. */
const inputBody = fc
  .tuple(fc.dictionary(fc.constantFrom(...INPUT_NAMES), inputValue, { maxKeys: 6 }), fc.dictionary(nastyString, inputValue, { maxKeys: 2 }))
  .map(([known, extra]) => ({ input: { ...extra, ...known } }));

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=latin1",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
  "image/png",
  "",
];

/** `text` as a URL path segment: its UTF-8 bytes, each escaped unless unreserved (lone surrogates become U+FFFD). */
const percentEncode = (text: string) =>
  [...Buffer.from(text, "utf8")]
    .map((byte) =>
      /[\w.~-]/.test(String.fromCharCode(byte)) && byte < 0x80 ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, "0")}`,
    )
    .join("");

/** One random request: method, path, content type and body. */
const request = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("input" as const), body: inputBody, type: fc.constantFrom(...CONTENT_TYPES) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("json" as const),
      body: fc.jsonValue({ maxDepth: 4 }),
      type: fc.constantFrom(...CONTENT_TYPES),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("bytes" as const),
      body: fc.oneof(nastyString, fc.uint8Array({ maxLength: 200 })),
      type: fc.constantFrom(...CONTENT_TYPES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("route" as const),
      method: fc.constantFrom("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD"),
      path: fc.oneof(
        fc.constantFrom("/", "/predictions", "/health-check", "/openapi.json", "/predictions/x/cancel", "/shutdown/x"),
        // Percent-escapes that do not decode: a lone %, a byte that is not UTF-8, a cut sequence.
        fc.constantFrom("/predictions/%", "/predictions/%ff", "/predictions/%E0%A4%A/cancel", "/%zz", "/predictions/%00"),
        nastyString.map((s) => `/predictions/${percentEncode(s)}`),
        nastyString.map((s) => `/predictions/${percentEncode(s)}/cancel`),
        nastyString.map((s) => `/${percentEncode(s)}`),
      ),
      body: fc.option(inputBody, { nil: undefined }),
    }),
  },
);

/**
 * POSTs an over-limit body of `bytes` over a plain TCP socket and resolves with the answer. The body
 * goes out only as far as the server needs to refuse it (with a Content-Length, none: it can answer
 * from the header; chunked, just past the limit), because once the server has answered and closed,
 * writing more fails with EPIPE and Node drops the unread answer (fetch and node:http both do; curl
 * shows it). Bounded to 60 s.
 */
function postOverLimit(url: string, bytes: number, chunked: boolean): Promise<{ status: number; contentType: string; text: string }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error("no answer within 60 s")), 60_000);
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    // The server answers 413 and closes while the body is still being sent: a write may then fail with
    // EPIPE. That is expected; what counts is the answer read before the close ('close' follows 'error').
    let failure: Error | undefined;
    socket.on("error", (error) => {
      failure = error;
    });
    socket.on("close", () => {
      clearTimeout(timer);
      const raw = Buffer.concat(received).toString("utf8");
      const match = /^HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(raw);
      if (!match) return reject(new Error(`no HTTP answer (${failure?.message ?? "closed"}): ${raw.slice(0, 200)}`));
      const contentType = /^content-type: *(.*)$/im.exec(match[2])?.[1] ?? "";
      const length = Number(/^content-length: *(\d+)$/im.exec(match[2])?.[1] ?? match[3].length);
      resolve({ status: Number(match[1]), contentType, text: match[3].slice(0, length) });
    });
    const framing = chunked ? "transfer-encoding: chunked" : `content-length: ${bytes}`;
    socket.write(
      `POST ${pathname} HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\n${framing}\r\nconnection: close\r\n\r\n`,
    );
    if (!chunked) return;
    const piece = Buffer.alloc(1024 * 1024, "x");
    const send = async () => {
      for (let sent = 0; sent < bytes && received.length === 0 && !socket.destroyed; sent += piece.length) {
        const data = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]);
        if (!socket.write(data)) await new Promise((next) => socket.once("drain", next).once("close", next));
      }
    };
    void send();
  });
}

describe("tsc-cog serve under random requests", () => {
  it("answers every random request with JSON and a status below 500, and keeps serving", async () => {
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        let reply: Reply;
        let what: string;
        if (req.kind === "route") {
          // POST /shutdown would (rightly) stop the server: the one route the fuzzer leaves alone.
          fc.pre(!(req.method === "POST" && req.path === "/shutdown"));
          what = `${req.method} ${req.path}`;
          const body = req.body === undefined || req.method === "GET" || req.method === "HEAD" ? undefined : JSON.stringify(req.body);
          reply = await call(req.method, `${server.url}${req.path}`, {
            ...(body !== undefined ? { raw: body, headers: { "content-type": "application/json" } } : {}),
          });
          if (req.method === "HEAD") {
            assert.ok(reply.status < 500, `${what} → ${reply.status}`);
            return;
          }
        } else {
          const raw = req.kind === "bytes" ? req.body : JSON.stringify(req.body);
          what = `POST /predictions (${req.type || "no content type"}) ${typeof raw === "string" ? raw.slice(0, 200) : `${raw.length} bytes`}`;
          reply = await call("POST", `${server.url}/predictions`, { raw, headers: req.type === "" ? {} : { "content-type": req.type } });
        }
        assertWellFormed(reply, what, req.kind !== "bytes" && givesSecret(req.body));
      }),
      { seed: SEED, numRuns: 300, includeErrorInReport: true },
    );
    await assertServing();
  });

  it("refuses a body over the 64 MiB limit with 413 JSON, and keeps serving", async () => {
    for (const chunked of [false, true]) {
      const reply = await postOverLimit(`${server.url}/predictions`, 65 * 1024 * 1024, chunked);
      assert.equal(reply.status, 413, reply.text);
      assert.match(reply.contentType, /^application\/json/);
      assert.deepEqual(JSON.parse(reply.text), { detail: "the request body is larger than the limit of 67108864 bytes" });
    }
    await assertServing();
  });

  it("answers a large body under the limit (a 20 MiB string input) with 422 JSON", async () => {
    const reply = await call("POST", `${server.url}/predictions`, {
      body: { input: { text: "y".repeat(20 * 1024 * 1024) } },
      timeoutMs: 60_000,
    });
    assertWellFormed(reply, "a 20 MiB string");
    assert.equal(reply.status, 422);
    assert.equal(reply.json.detail[0].loc.join("."), "body.input.text");
  });

  it("refuses deeply nested JSON (arrays, objects, inside an Object input) with 400 JSON, and keeps serving", async () => {
    const deep = (n: number, open: string, close: string) => `${open.repeat(n)}${close.repeat(n)}`;
    const bodies = [
      deep(100_000, "[", "]"),
      `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`,
      `{"input":{"options":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}}`,
      `{"input":{"tags":${deep(5_000, "[", "]")}}}`,
      // Unbalanced: opens forever.
      "[".repeat(1_000_000),
    ];
    for (const raw of bodies) {
      const reply = await call("POST", `${server.url}/predictions`, { raw, headers: { "content-type": "application/json" } });
      assertWellFormed(reply, `nested ${raw.slice(0, 30)}…`);
      assert.equal(reply.status, 400, reply.text);
    }
    await assertServing();
  });

  it("refuses a secret holding a lone surrogate (which could not be scrubbed) with 422, and keeps serving", async () => {
    // One such secret used to break the server's scrubber: every later response was a 500.
    const raw = '{"input":{"token":"\\ud800abcdefghijk","text":"\\udc00"}}';
    const reply = await call("POST", `${server.url}/predictions`, { raw, headers: { "content-type": "application/json" } });
    assertWellFormed(reply, "a lone surrogate secret");
    assert.equal(reply.status, 422, reply.text);
    assert.deepEqual(reply.json.detail[0].loc, ["body", "input", "token"]);
    await assertServing();
  });

  it("answers nesting just under the depth limit (an Object input 60 deep) without a 5xx", async () => {
    const raw = `{"input":{"options":${'{"a":'.repeat(60)}1${"}".repeat(60)}}}`;
    const reply = await call("POST", `${server.url}/predictions`, { raw, headers: { "content-type": "application/json" } });
    assertWellFormed(reply, "60-deep options");
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json.status, "succeeded");
  });
});
