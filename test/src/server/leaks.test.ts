// The leak suite over HTTP (DESIGN §8, "the invariant"): a hostile predictor tries every egress with a
// canary secret; neither the canary nor any encoded form of it may appear in a response body, the
// `logs` field, a webhook payload, a 422, the PUT echo, the health check or the server's own output.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { assertNoLeaks, CANARY } from "../support/canary.js";
import { LEAKY, serverFixture } from "../support/project.js";
import { call, predict } from "./support/http.js";
import { type ServeProcess, startServe, stopAll } from "./support/serve-process.js";
import { WebhookReceiver } from "./support/webhook-receiver.js";

const MASK = "**********";
const DEPLOY_CANARY = "tsc-cog-DEPLOY-1a2b3c4d5e6f/+=&ü";

/** What each mode of test/fixtures/leaky returns and logs once scrubbed. */
const MODES: Record<string, { status: "succeeded" | "failed"; output?: unknown; logs?: string; error?: string }> = {
  "console-log": { status: "succeeded", output: "ok", logs: `token is ${MASK}\n` },
  "stderr-write": { status: "succeeded", output: "ok", logs: `token=${MASK}\n` },
  "split-write": { status: "succeeded", output: "ok", logs: `token=${MASK}\n` },
  template: { status: "succeeded", output: MASK, logs: `${MASK} ${MASK} ${MASK}\n` },
  "json-stringify": {
    status: "succeeded",
    output: { api_token: MASK },
    logs: `{"api_token":"${MASK}"} Secret(${MASK}) { nested: Secret(${MASK}) }\n`,
  },
  throw: { status: "failed", error: `upstream rejected token ${MASK}` },
  return: { status: "succeeded", output: MASK },
  "return-nested": { status: "succeeded", output: [{ id: 1, headers: { authorization: `Bearer ${MASK}` } }] },
  base64: { status: "succeeded", output: "ok", logs: `${MASK}\n` },
  "url-encoded": { status: "succeeded", output: "ok", logs: `https://example.invalid/?key=${MASK}\n` },
};

const receiver = new WebhookReceiver();
let leaky: ServeProcess;
/** Every body the tests received, checked once more at the end together with the server's stderr. */
const seen: Record<string, string> = {};

describe("tsc-cog serve: no secret leaves the server", { timeout: 180_000 }, () => {
  before(async () => {
    await receiver.start();
    leaky = await startServe({ cwd: LEAKY, args: ["--concurrency", "2"] });
  });
  after(async () => {
    await stopAll();
    await receiver.close();
  });

  it("the fixture's modes are the ones tested here", async () => {
    const schema = (await call("GET", `${leaky.url}/openapi.json`)).json;
    assert.deepEqual([...schema.components.schemas.mode.enum].sort(), Object.keys(MODES).sort());
  });

  for (const [mode, expected] of Object.entries(MODES)) {
    it(`mode ${mode}: the sync response, its logs and the async webhooks are scrubbed`, async () => {
      const sync = await predict(leaky.url, { input: { api_token: CANARY, mode } });
      assert.equal(sync.status, 200);
      assert.equal(sync.json.status, expected.status, sync.json.error);
      if ("output" in expected) assert.deepEqual(sync.json.output, expected.output);
      if (expected.logs) assert.ok(sync.json.logs.includes(expected.logs), `logs: ${JSON.stringify(sync.json.logs)}`);
      if (expected.error) {
        assert.equal(sync.json.error, expected.error);
        assert.match(sync.json.logs, /^Error: upstream rejected token \*{10}\n {4}at /);
      }
      assert.equal(sync.json.input.api_token, MASK);
      const path = `/leak-${mode}`;
      const accepted = await predict(leaky.url, { input: { api_token: CANARY, mode }, webhook: `${receiver.url}${path}` }, { async: true });
      assert.equal(accepted.json.input.api_token, MASK);
      const completed = await receiver.completed(path);
      assert.equal(completed.body.status, expected.status);
      const read = await call("GET", `${leaky.url}/predictions/${accepted.json.id}`);
      const texts = {
        sync: sync.text,
        accepted: accepted.text,
        read: read.text,
        ...Object.fromEntries(receiver.to(path).map((delivery, i) => [`webhook ${i}`, delivery.text])),
      };
      for (const [where, text] of Object.entries(texts)) seen[`${mode} ${where}`] = text;
      assertNoLeaks(texts, [CANARY]);
    });
  }

  it("the PUT echo of a prediction in flight shows the secret input as **********", async () => {
    const body = { input: { api_token: CANARY, mode: "split-write" } };
    const first = await call("PUT", `${leaky.url}/predictions/put-echo`, { body, headers: { prefer: "respond-async" } });
    const again = await call("PUT", `${leaky.url}/predictions/put-echo`, { body, headers: { prefer: "respond-async" } });
    const final = await call("PUT", `${leaky.url}/predictions/put-echo`, { body });
    for (const reply of [first, again, final]) assert.equal(reply.json.input.api_token, MASK);
    Object.assign(seen, { "put first": first.text, "put again": again.text, "put final": final.text });
    assertNoLeaks({ first: first.text, again: again.text, final: final.text }, [CANARY]);
  });

  it("422s never carry a secret input's value, whatever its JSON type", async () => {
    const basic = await startServe({ cwd: serverFixture("basic") });
    const number = 918273645546372;
    const cases = [
      { text: "a", token: `${CANARY}${CANARY}` },
      { text: "a", token: number },
      { text: "a", token: { [CANARY]: CANARY } },
      { text: "a", token: [CANARY] },
      { text: 1, count: "x", token: `${CANARY}${CANARY}`, nope: CANARY },
    ];
    const expected = [
      "maximum string length is 40",
      "expected string, got number",
      "expected string, got object",
      "expected string, got array",
      "maximum string length is 40",
    ];
    for (const [i, input] of cases.entries()) {
      const reply = await predict(basic.url, { input });
      assert.equal(reply.status, 422);
      const tokenIssue = reply.json.detail.find((d: { loc: string[] }) => d.loc[2] === "token");
      assert.equal(tokenIssue.msg, expected[i]);
      assert.equal(reply.text.includes(String(number)), false);
      assertNoLeaks({ [`422 ${i}`]: reply.text }, [CANARY]);
    }
    const ok = await predict(basic.url, { input: { text: "fine", token: CANARY } });
    assert.equal(ok.json.input.token, MASK);
    assertNoLeaks({ ok: ok.text, stderr: basic.stderr() }, [CANARY]);
    await basic.stop();
  });

  it("a secret that cannot be scrubbed (a lone surrogate) is refused with 422, and the server keeps working", async () => {
    const raw = '{"input":{"api_token":"\\ud800-lone-surrogate-secret","mode":"return"}}';
    const refused = await call("POST", `${leaky.url}/predictions`, { raw, headers: { "content-type": "application/json" } });
    assert.equal(refused.status, 422);
    assert.deepEqual(refused.json.detail[0].loc, ["body", "input", "api_token"]);
    assert.equal(refused.text.includes("lone-surrogate-secret"), false);
    assert.equal((await call("GET", `${leaky.url}/health-check`)).status, 200);
    assert.equal((await predict(leaky.url, { input: { api_token: CANARY, mode: "return" } })).json.output, MASK);
  });

  it("a secret shorter than 6 characters is replaced when it is a whole value, with one warning naming the input", async () => {
    const first = await predict(leaky.url, { input: { api_token: "pin42", mode: "return" } });
    const second = await predict(leaky.url, { input: { api_token: "pin42", mode: "return" } });
    assert.equal(first.json.output, MASK);
    assert.equal(second.json.output, MASK);
    const warnings = leaky.stderr().match(/warning: secret input "api_token" is shorter than 6 characters/g) ?? [];
    assert.equal(warnings.length, 1);
  });

  it("deployment secrets: never in the health check's setup logs, responses, errors or logs", async () => {
    const deploy = await startServe({ cwd: serverFixture("deploy"), env: { TSC_COG_SECRET_service_token: DEPLOY_CANARY } });
    const health = await call("GET", `${deploy.url}/health-check`);
    assert.equal(health.json.setup.logs, `setup sees ${MASK}\nsetup stderr ${MASK}\n`);
    const texts: Record<string, string> = { health: health.text };
    for (const mode of ["log", "return", "throw"]) texts[mode] = (await predict(deploy.url, { input: { mode } })).text;
    assert.deepEqual(JSON.parse(texts.return).output, { token: MASK, note: `the token is ${MASK}` });
    assert.equal(JSON.parse(texts.throw).error, `rejected ${MASK}`);
    assert.equal(JSON.parse(texts.log).logs, `predict sees ${MASK}\n`);
    await deploy.stop();
    texts.stderr = deploy.stderr();
    assertNoLeaks(texts, [DEPLOY_CANARY]);

    const failing = await startServe({
      cwd: serverFixture("deploy"),
      env: { TSC_COG_SECRET_service_token: DEPLOY_CANARY, SETUP_FAIL: "1" },
      until: "SETUP_FAILED",
    });
    const failed = await call("GET", `${failing.url}/health-check`);
    assert.match(failed.json.setup.logs, /Error: cannot reach upstream with \*{10}/);
    await failing.stop();
    assertNoLeaks({ health: failed.text, stderr: failing.stderr() }, [DEPLOY_CANARY]);
  });

  it("the server's own output (log lines and relayed predictor logs) is scrubbed too", async () => {
    await leaky.stop();
    assert.match(leaky.stderr(), /token is \*{10}/);
    assertNoLeaks({ stderr: leaky.stderr(), ...seen }, [CANARY]);
  });
});
