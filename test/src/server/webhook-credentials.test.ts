// A webhook URL with credentials (`http://user:pass@host/hook`), as Cog takes it: delivered to the URL
// without them, with `Authorization: Basic base64(user:pass)` (percent-decoded; it wins over
// $WEBHOOK_AUTH_TOKEN as in Cog's clients); the credentials are secrets of the prediction, never in a
// response, a webhook body or the server's log, where the URL is shown with its password masked.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { serverFixture } from "../support/project.js";
import { call, predict } from "./support/http.js";
import { type ServeProcess, startServe, stopAll } from "./support/serve-process.js";
import { WebhookReceiver } from "./support/webhook-receiver.js";

const TOKEN = "webhook-bearer-token-Cr3d";
const USER = "hook user";
const PASSWORD = "p@ss:w0rd/Zq9-hook";
/** As written in the URL: percent-encoded (so the server must decode them). */
const USER_IN_URL = "hook%20user";
const PASSWORD_IN_URL = "p%40ss%3Aw0rd%2FZq9-hook";
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

const receiver = new WebhookReceiver();
let server: ServeProcess;
let port = "";

/** `http://<userinfo>@127.0.0.1:<receiver port><path>`. */
const withCredentials = (userinfo: string, path: string) => `http://${userinfo}@127.0.0.1:${port}${path}`;

/** Every form in which the credentials could leak: the password raw and encoded, the pair, the header, whole URLs. */
const FORBIDDEN = () => [
  PASSWORD,
  PASSWORD_IN_URL,
  `${USER}:${PASSWORD}`,
  basic(USER, PASSWORD).slice("Basic ".length),
  `${USER_IN_URL}:${PASSWORD_IN_URL}@`,
];

function assertHidden(text: string, where: string, forbidden: readonly string[] = FORBIDDEN()): void {
  for (const value of forbidden) assert.ok(!text.includes(value), `${where} shows ${JSON.stringify(value)}:\n${text.slice(0, 3000)}`);
}

/** Waits until the server's log holds `text`; throws after `ms`. */
async function logged(text: string, ms = 15_000): Promise<string> {
  const deadline = Date.now() + ms;
  while (!server.stderr().includes(text)) {
    if (Date.now() > deadline) throw new Error(`the server never logged ${JSON.stringify(text)}:\n${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return server.stderr();
}

describe("tsc-cog serve: webhook URLs with credentials", { timeout: 120_000 }, () => {
  before(async () => {
    await receiver.start();
    port = new URL(receiver.url).port;
    server = await startServe({ cwd: serverFixture("basic"), args: ["--concurrency", "2"], env: { WEBHOOK_AUTH_TOKEN: TOKEN } });
  });
  after(async () => {
    await stopAll();
    await receiver.close();
  });

  it("delivers every event with Basic auth to the URL without credentials, and shows the password nowhere", async () => {
    const webhook = withCredentials(`${USER_IN_URL}:${PASSWORD_IN_URL}`, "/cred");
    const shown = withCredentials(`${USER_IN_URL}:**********`, "/cred");
    const reply = await predict(server.url, { id: "cred-async", input: { text: "hi", action: "print" }, webhook }, { async: true });
    assert.equal(reply.status, 202);
    assert.equal(reply.json.webhook, shown, "the echoed webhook has its password masked");
    assertHidden(reply.text, "the 202 response");

    const completed = await receiver.completed("/cred");
    assert.equal(completed.body.status, "succeeded");
    assert.match(completed.body.logs, /stdout line for hi/);
    const deliveries = receiver.to("/cred");
    assert.ok(deliveries.length >= 2, `start and completed at least (got ${deliveries.length})`);
    for (const delivery of deliveries) {
      assert.equal(delivery.headers.authorization, basic(USER, PASSWORD), "the URL's credentials, decoded, win over the bearer token");
      assert.equal(delivery.body.webhook, shown);
      assertHidden(delivery.text, "a webhook body");
    }

    const polled = await call("GET", `${server.url}/predictions/cred-async`);
    assert.equal(polled.json.webhook, shown);
    assertHidden(polled.text, "GET /predictions/{id}");

    // A sync prediction with a webhook: the same. The credentials are secrets of the prediction (held
    // in the server's pool), so even a predictor that is handed the password and prints and returns it
    // shows it nowhere: not in the 200 response, the webhooks or the server's log.
    const sync = await predict(server.url, {
      input: { text: `leak ${PASSWORD}`, action: "print" },
      webhook: withCredentials(`${USER_IN_URL}:${PASSWORD_IN_URL}`, "/cred-sync"),
    });
    assert.equal(sync.status, 200);
    assert.equal(sync.json.webhook, withCredentials(`${USER_IN_URL}:**********`, "/cred-sync"));
    assert.match(sync.json.output, /^leak \*{10}\|/);
    assert.match(sync.json.logs, /stdout line for leak \*{10}\n/);
    assertHidden(sync.text, "the sync response");
    assert.equal((await receiver.completed("/cred-sync")).headers.authorization, basic(USER, PASSWORD));

    // Without credentials in the URL, the server's bearer token is sent.
    await predict(server.url, { input: { text: "plain" }, webhook: `${receiver.url}/no-cred` }, { async: true });
    assert.equal((await receiver.completed("/no-cred")).headers.authorization, `Bearer ${TOKEN}`);

    assertHidden(server.stderr(), "the server's log");
  });

  it("a delivery that fails is logged with the URL's password masked", async () => {
    receiver.failFirst("/cred-refused", 1, 404);
    const webhook = withCredentials(`${USER_IN_URL}:${PASSWORD_IN_URL}`, "/cred-refused");
    const reply = await predict(server.url, { input: { text: "refused" }, webhook, webhook_events_filter: ["completed"] }, { async: true });
    assert.equal(reply.status, 202);
    const log = await logged("/cred-refused");
    const line = log.split("\n").find((l) => l.includes("/cred-refused")) ?? "";
    assert.match(line, /the completed webhook to .* failed \(HTTP 404\)/);
    assert.ok(line.includes(withCredentials(`${USER_IN_URL}:**********`, "/cred-refused")), line);
    assert.equal(receiver.deliveries.filter((d) => d.path === "/cred-refused").length, 1, "it was delivered (and refused) once");
    assertHidden(log, "the server's log");
  });

  it("a short password, or a user name alone, is masked by construction and sent as Basic auth", async () => {
    const short = await predict(server.url, { input: { text: "short" }, webhook: withCredentials("user:pw", "/short") }, { async: true });
    assert.equal(short.json.webhook, withCredentials("user:**********", "/short"));
    assert.equal((await receiver.completed("/short")).headers.authorization, basic("user", "pw"));

    const userOnly = await predict(server.url, { input: { text: "user-only" }, webhook: withCredentials("lone-token-Xy12", "/user-only") });
    assert.equal(userOnly.status, 200);
    assert.equal(userOnly.json.webhook, withCredentials("**********", "/user-only"));
    const delivered = await receiver.completed("/user-only");
    assert.equal(delivered.headers.authorization, basic("lone-token-Xy12", ""));

    const forbidden = ["user:pw@", ":pw@", "lone-token-Xy12"];
    assertHidden(short.text, "the 202 response", forbidden);
    assertHidden(userOnly.text, "the sync response", forbidden);
    for (const delivery of [...receiver.to("/short"), ...receiver.to("/user-only")])
      assertHidden(delivery.text, "a webhook body", forbidden);
    assertHidden(server.stderr(), "the server's log", forbidden);
  });
});
