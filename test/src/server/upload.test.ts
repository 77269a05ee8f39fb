// `tsc-cog serve --upload-url`: returned files at any depth are PUT to a local receiver, scrubbed,
// named without secrets, and answered with the URL from Location; 5xx answers are retried, and an
// upload that keeps failing fails the prediction with a clear message.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { serverFixture } from "../support/project.js";
import { predict } from "./support/http.js";
import { type ServeProcess, startServe, stopAll } from "./support/serve-process.js";
import { UploadReceiver } from "./support/upload-receiver.js";

const CANARY = "tsc-cog-CANARY-upload-4k2m9x";
const receiver = new UploadReceiver();
let server: ServeProcess;

describe("tsc-cog serve --upload-url", { timeout: 120_000 }, () => {
  before(async () => {
    await receiver.start();
    server = await startServe({ cwd: serverFixture("upload"), args: ["--upload-url", `${receiver.url}/uploads`] });
  });
  after(async () => {
    await stopAll();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.uploads.length = 0;
  });

  it("PUTs every returned file, at any depth (a name holding a secret replaced, extension and all), and answers with the URLs from Location (query stripped)", async () => {
    const reply = await predict(server.url, { input: { key: CANARY } });
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json.status, "succeeded", reply.text);
    assert.deepEqual(reply.json.output, {
      report: "https://files.example/uploads/report.txt",
      nested: { files: ["https://files.example/uploads/one.json", "https://files.example/uploads/output-2"] },
      count: 3,
    });
    assert.deepEqual(
      receiver.uploads.map((u) => [u.method, u.path, u.headers["content-type"]]),
      [
        ["PUT", "/uploads/report.txt", "text/plain"],
        ["PUT", "/uploads/one.json", "application/json"],
        ["PUT", "/uploads/output-2", "application/octet-stream"],
      ],
    );
    assert.equal(receiver.uploads[0].body.toString(), "key=**********\n", "the bytes are scrubbed");
    for (const upload of receiver.uploads) {
      assert.ok(!upload.path.includes(CANARY) && !upload.body.toString().includes(CANARY));
      assert.equal(upload.headers.authorization, undefined);
    }
    assert.ok(!reply.text.includes(CANARY));
  });

  it("retries a 503 and succeeds", async () => {
    receiver.failNext(1, 503);
    const reply = await predict(server.url, { input: {} });
    assert.equal(reply.json.status, "succeeded", reply.text);
    assert.equal(reply.json.output.report, "https://files.example/uploads/report.txt");
    assert.deepEqual(
      receiver.uploads.slice(0, 2).map((u) => [u.path, u.status]),
      [
        ["/uploads/report.txt", 503],
        ["/uploads/report.txt", 201],
      ],
    );
  });

  it("fails the prediction with a clear, redacted message when the upload keeps failing", async () => {
    receiver.failNext(Number.POSITIVE_INFINITY, 500);
    const reply = await predict(server.url, { input: { key: CANARY } });
    receiver.failNext(0, 500);
    assert.equal(reply.status, 200);
    assert.equal(reply.json.status, "failed", reply.text);
    assert.equal(reply.json.error, "cannot upload the output file report.txt: the upload server answered 500 (4 attempts)");
    assert.equal(receiver.uploads.length, 4, "bounded retries");
    assert.ok(!reply.text.includes(CANARY));
  });

  it("does not retry a 4xx", async () => {
    receiver.failNext(1, 403);
    const reply = await predict(server.url, { input: {} });
    assert.equal(reply.json.status, "failed", reply.text);
    assert.equal(reply.json.error, "cannot upload the output file report.txt: the upload server answered 403");
    assert.equal(receiver.uploads.length, 1);
  });
});
