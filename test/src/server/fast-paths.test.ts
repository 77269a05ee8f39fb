// The server's fast paths (BENCHMARKS.md "Server") against a canary: each would leak it if it were
// taken where it must not be. Skipping redaction is only sound when no secret is registered anywhere,
// and a deployment secret is registered for the server's whole life, so a request without any secret
// input must still be scrubbed of it; and a text shorter than every form of the secrets skips the
// scan, so a value that equals a short secret must still be masked.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { assertNoLeaks, CANARY } from "../support/canary.js";
import { serverFixture } from "../support/project.js";
import { call, predict } from "./support/http.js";
import { startServe, stopAll } from "./support/serve-process.js";

const MASK = "**********";

describe("tsc-cog serve: fast paths never skip a registered secret", { timeout: 120_000 }, () => {
  after(stopAll);

  it("a deployment secret is scrubbed from every answer to requests that carry no secret input", async () => {
    const server = await startServe({ cwd: serverFixture("deploy"), env: { TSC_COG_SECRET_service_token: CANARY } });
    const texts: Record<string, string> = {};
    const ids: string[] = [];
    for (const mode of ["return", "log", "throw"]) {
      // Twice each: the first prediction of a worker and one after it (a warm path, cached compiled secrets).
      for (const round of [1, 2]) {
        const reply = await predict(server.url, { input: { mode } });
        assert.equal(reply.status, 200, reply.text);
        texts[`${mode} ${round}`] = reply.text;
        ids.push(reply.json.id);
        if (mode === "return") assert.deepEqual(reply.json.output, { token: MASK, note: `the token is ${MASK}` });
        if (mode === "log") assert.equal(reply.json.logs, `predict sees ${MASK}\n`);
        if (mode === "throw") assert.equal(reply.json.error, `rejected ${MASK}`);
      }
    }
    // The stored bodies, sent again by GET, and an async prediction's 202 and final state.
    for (const id of ids) texts[`GET ${id}`] = (await call("GET", `${server.url}/predictions/${id}`)).text;
    const accepted = await predict(server.url, { input: { mode: "return" } }, { async: true });
    assert.equal(accepted.status, 202, accepted.text);
    texts.accepted = accepted.text;
    let final = accepted;
    for (let i = 0; i < 100 && final.json.status !== "succeeded"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      final = await call("GET", `${server.url}/predictions/${accepted.json.id}`);
    }
    assert.deepEqual(final.json.output, { token: MASK, note: `the token is ${MASK}` });
    texts.final = final.text;
    await server.stop();
    texts.stderr = server.stderr();
    assertNoLeaks(texts, [CANARY]);
  });

  it("an output equal to a short deployment secret is masked (a text shorter than every form is still compared whole)", async () => {
    const server = await startServe({ cwd: serverFixture("deploy"), env: { TSC_COG_SECRET_service_token: "pin42" } });
    for (const round of [1, 2]) {
      const reply = await predict(server.url, { input: { mode: "return" } });
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.json.output.token, MASK, `round ${round}: ${reply.text}`);
    }
    await server.stop();
    assert.match(server.stderr(), /deployment secret "service_token" is shorter than 6 characters/);
  });
});
