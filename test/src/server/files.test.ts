// Path inputs from data URLs and http(s) URLs, Path outputs as data URLs, and what is refused.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { serverFixture } from "../support/project.js";
import { predict } from "./support/http.js";
import { type ServeProcess, startServe, stopAll } from "./support/serve-process.js";

let server: ServeProcess;
let files: Server;
let filesUrl: string;

const decode = (dataUrl: string) => {
  const match = /^data:([^;,]+);base64,(.*)$/.exec(dataUrl);
  assert.ok(match, `a base64 data URL: ${dataUrl.slice(0, 40)}`);
  return { type: match[1], text: Buffer.from(match[2], "base64").toString("utf8") };
};

describe("tsc-cog serve: files", { timeout: 120_000 }, () => {
  before(async () => {
    files = createServer((request, response) => {
      if (request.url === "/docs/notes.txt") response.writeHead(200, { "content-type": "text/plain" }).end("remote notes");
      else if (request.url === "/redirect") response.writeHead(302, { location: "/docs/notes.txt" }).end();
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    server = await startServe({ cwd: serverFixture("files") });
  });
  after(async () => {
    await stopAll();
    files.closeAllConnections();
    await new Promise((resolve) => files.close(resolve));
  });

  it("takes a Path input as a data URL and returns a Path output as a data URL", async () => {
    const document = `data:text/plain;base64,${Buffer.from("hello file").toString("base64")}`;
    const extras = ["data:application/octet-stream;base64,AAEC", "data:,plain%20text"];
    const reply = await predict(server.url, { input: { document, extras } });
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json.status, "succeeded", reply.json.error);
    assert.deepEqual(decode(reply.json.output), { type: "text/plain", text: "document.txt:10:HELLO FILE:extras=3,10" });
    assert.equal(reply.json.input.document, document, "the input is echoed as given");
  });

  it("downloads a Path input given as an http URL (following redirects)", async () => {
    for (const url of [`${filesUrl}/docs/notes.txt`, `${filesUrl}/redirect`]) {
      const reply = await predict(server.url, { input: { document: url } });
      assert.equal(reply.json.status, "succeeded", reply.json.error);
      assert.match(decode(reply.json.output).text, /^(notes\.txt|redirect\.txt):12:REMOTE NOTES:extras=$/);
    }
  });

  it("a download that fails fails the prediction with a message naming the input", async () => {
    const reply = await predict(server.url, { input: { document: `${filesUrl}/missing.txt` } });
    assert.equal(reply.status, 200);
    assert.equal(reply.json.status, "failed");
    assert.equal(reply.json.error, `input "document": could not download from ${new URL(filesUrl).origin}: HTTP 404`);
  });

  it("refuses local paths and other schemes with 422: the server never reads its own files for a caller", async () => {
    const reply = await predict(server.url, { input: { document: "/etc/passwd", extras: ["file:///etc/hosts"] } });
    assert.equal(reply.status, 422);
    assert.deepEqual(reply.json.detail, [
      { loc: ["body", "input", "document"], msg: "expected a data: URL or an http(s):// URL", type: "value_error" },
      { loc: ["body", "input", "extras"], msg: "item 0: expected a data: URL or an http(s):// URL", type: "value_error" },
    ]);
  });
});
