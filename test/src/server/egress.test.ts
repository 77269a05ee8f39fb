// Egresses of `tsc-cog serve` sealed by the prediction core ("Every egress sealed"): a secret stays
// redacted for as long as the worker that saw it lives; the server's log is one stream scrubbed as
// one, so halves printed by two workers, or by a timer during the next prediction, never meet whole;
// prediction boundaries are out of band, so text that looks like one is only text.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { assertNoLeaks, CANARY, canaryForms } from "../support/canary.js";
import { sleep, waitUntil } from "../support/cli.js";
import { copyFixture } from "../support/project.js";
import { call, predict } from "./support/http.js";
import { type ServeProcess, startServe, stopAll, waitForHealth } from "./support/serve-process.js";

const MASK = "**********";
const waitFor = (condition: () => boolean, what: string) => waitUntil(condition, what, 10_000);
const HALF = Math.floor(CANARY.length / 2);

let one: ServeProcess;
let two: ServeProcess;
/** Every response body, checked once more at the end. */
const seen: Record<string, string> = {};

/**
 * The secret is in none of `texts` whole, in any of its forms. (Where a predictor prints half of a
 * secret, that half is printed: a transformed or partial value cannot be recognised.)
 */
function assertNotWhole(texts: Readonly<Record<string, string>>): void {
  for (const [where, text] of Object.entries(texts)) {
    for (const form of canaryForms(CANARY)) assert.ok(!text.includes(form), `${where} shows the secret whole: ${JSON.stringify(form)}`);
  }
}

async function run(server: ServeProcess, input: Record<string, unknown>, label?: string) {
  const reply = await predict(server.url, { input });
  if (label !== undefined) seen[label] = reply.text;
  assert.equal(reply.status, 200, reply.text);
  return reply.json;
}

describe("tsc-cog serve: every egress sealed", { timeout: 120_000 }, () => {
  before(async () => {
    [one, two] = await Promise.all([
      startServe({ cwd: copyFixture("egress") }),
      startServe({ cwd: copyFixture("egress"), args: ["--concurrency", "2"] }),
    ]);
  });
  after(stopAll);

  it("keeps one caller's token redacted for every later caller, however many predictions come between", async () => {
    await run(one, { mode: "order", token: CANARY }, "first caller");
    for (let i = 0; i < 300; i++) {
      const reply = await predict(one.url, { input: { mode: "order", token: `other-caller-secret-${i}` } });
      assert.equal(reply.json.status, "succeeded");
    }
    // Without a token of its own, the predictor returns and logs the token it cached: the first caller's is long gone from the pool of in-flight predictions.
    const later = await run(one, { mode: "cached" }, "later caller");
    assert.equal(later.status, "succeeded");
    assert.ok(later.output.startsWith("cached "));
    assert.ok(!later.output.includes("other-caller-secret-299") && later.output === `cached ${MASK}`, later.output);
  });

  it("bounds memory by replacing a worker that has seen too many secrets, never by forgetting one", async () => {
    const small = await startServe({ cwd: copyFixture("egress"), env: { TSC_COG_MAX_SECRETS_PER_WORKER: "5" } });
    await run(small, { mode: "order", token: CANARY }, "recycled first");
    // The predictor caches the canary; while its worker lives, every later caller gets it masked.
    for (let i = 0; i < 4; i++) await run(small, { mode: "order", token: `recycle-secret-${i}-abc` });
    assert.equal((await run(small, { mode: "cached" }, "before recycling")).output, `cached ${MASK}`);
    await run(small, { mode: "order", token: "recycle-secret-5-abc" });
    await waitFor(() => /has seen 6 secrets \(more than 5\); starting a new one/.test(small.stderr()), "the worker's replacement");
    await waitForHealth(small.url, "READY");
    // A new worker has no cache: nothing of the old caller's is left to leak.
    const after = await run(small, { mode: "cached" }, "after recycling");
    assert.equal(after.output, "cached ");
    assertNotWhole({ log: small.stderr() });
    await small.stop();
  });

  it("scrubs halves of a secret printed by two workers, one after the other", async () => {
    // Worker 1 prints the first half and finishes; then, while worker 1 is kept busy, worker 2 prints the rest.
    const first = await run(two, { mode: "timer-half", token: CANARY, wait: 60_000 });
    const busy = run(two, { mode: "print", text: "", wait: 800 });
    await sleep(200);
    const second = await run(two, { mode: "print", text: `${CANARY.slice(HALF)} :end\n` });
    await busy;
    await sleep(200);
    assertNotWhole({ first: JSON.stringify(first), second: JSON.stringify(second), log: two.stderr() });
  });

  it("scrubs a secret that a timer of one prediction finishes during the next", async () => {
    const first = await run(one, { mode: "timer-half", token: CANARY, wait: 150 });
    const next = await run(one, { mode: "print", text: "", wait: 400 });
    assert.equal(first.status, "succeeded");
    assert.equal(next.status, "succeeded");
    assert.equal(first.logs, "timer: ", "the first half is held: it might start a secret");
    assert.equal(next.logs, "********** :end\n", "and the timer completed it during the next prediction");
    await sleep(200);
    assertNotWhole({ log: one.stderr() });
  });

  it("scrubs a secret printed half on stdout, half on stderr, in the prediction's logs", async () => {
    const reply = await run(one, { mode: "split", token: CANARY }, "split");
    assert.equal(reply.logs, `split: ${MASK} :end\n`);
  });

  it("treats text that looks like a log boundary as text: the prediction's logs are whole and scrubbed", async () => {
    const reply = await run(one, { mode: "forged-marker", token: CANARY }, "forged");
    assert.equal(reply.status, "succeeded");
    assert.equal(reply.logs, `\u001ftsc-cog-log-boundary:00000000000000000000000000000000:7\nafter the marker ${MASK} :end\n`);
  });

  it("returns files at any depth as data URLs, never typed or named by a secret", async () => {
    const nested = await run(one, { mode: "nested-files", token: CANARY }, "nested");
    assert.equal(nested.output.report.text, `data:text/plain;base64,${Buffer.from(`a ${MASK}\n`).toString("base64")}`);
    assert.equal(nested.output.list[0], `data:application/json;base64,${Buffer.from("{}\n").toString("base64")}`);
    const named = await run(one, { mode: "extension-file", token: "Canary0ext9Z" }, "extension");
    assert.match(named.output, /^data:application\/octet-stream;base64,/);
  });

  it("lets the predictor write to /dev/stdout, scrubbed, in its logs", async () => {
    const reply = await run(one, { mode: "dev-stdout", token: CANARY }, "dev-stdout");
    assert.equal(reply.status, "succeeded", reply.error);
    assert.equal(reply.logs, `via /dev/stdout ${MASK}\nvia /dev/stderr\n`);
  });

  it("logs an error thrown after the prediction returned, redacted, and goes on serving: no 409, no BUSY", async () => {
    const reply = await run(one, { mode: "late-throw", token: CANARY, wait: 100 }, "late throw");
    assert.equal(reply.status, "succeeded");
    await waitFor(() => one.stderr().includes("late failure with"), "the late error in the server's log");
    assert.match(one.stderr(), /the predictor threw after its prediction ended \(the worker goes on\): Error: late failure with \*{10}\n/);
    assert.equal((await call("GET", `${one.url}/health-check`)).json.status, "READY");
    const next = await predict(one.url, { input: { mode: "order", text: "after" } });
    assert.equal(next.status, 200, next.text);
    assert.equal(next.json.output, "the output after");
    assert.ok(!one.stderr().includes("starting a new one"), "the worker was not replaced");
  });

  it("leaks the canary nowhere: no response, and neither server's log shows it whole", () => {
    assertNoLeaks(seen, [CANARY, "Canary0ext9Z"]);
    assertNotWhole({ "server one": one.stderr(), "server two": two.stderr() });
  });
});
