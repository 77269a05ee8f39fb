// The playground (`startServer({ playground: true })`, the CLI's `--playground`) in a real browser:
// Chromium driven by Playwright against servers on 127.0.0.1. The form is built from the schema, runs
// show output (streamed output as it arrives, files inline), and a secret typed into the page is found
// nowhere afterwards: not in storage, cookies, the URL, the page's HTML or the curl command.
// The servers are the built CLI's `tsc-cog serve --playground`.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { crc32, deflateSync } from "node:zlib";
import { startServe, stopAll } from "../server/support/serve-process.js";
import { CANARY, canaryForms } from "../support/canary.js";
import { REPO_ROOT } from "../support/cli.js";
import { fixturePath, serverFixture } from "../support/project.js";
import { type Browser, launchChromium, type Page } from "./browser.js";

/** Where the screenshots go, for a person to look at (test/dist is build output, not committed). */
const SCREENSHOTS = join(REPO_ROOT, "test", "dist", "playground", "screenshots");

/** `tsc-cog serve <ref> [--playground]` (the built CLI) in `dir`, READY; its URL. */
async function serve(dir: string, ref: string, playground = true): Promise<string> {
  const server = await startServe({ cwd: dir, args: [ref, ...(playground ? ["--playground"] : [])] });
  if (playground) assert.match(server.stderr(), new RegExp(`the playground is at ${server.url}/playground`));
  return server.url;
}

/** A small PNG (a 48×32 gradient), made here so the test needs no binary fixture. */
function png(width = 48, height = 32): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Array.from({ length: height }, (_, y) =>
    Buffer.from([
      0,
      ...Array.from({ length: width }, (_, x) => [Math.round((x / width) * 255), Math.round((y / height) * 255), 160]).flat(),
    ]),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const PNG = png();

const text = async (page: Page, selector: string) => (await page.locator(selector).textContent()) ?? "";

/**
 * Polls `expression` in the page until it is truthy (bounded). Not page.waitForFunction: its polling
 * evaluates strings with eval inside the page, which the page's CSP rightly refuses.
 */
async function until(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(`Boolean(${expression})`))) {
    if (Date.now() > deadline) throw new Error(`the page never got to ${expression} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until the run has ended; returns its status. */
async function finished(page: Page): Promise<string> {
  await until(
    page,
    `document.getElementById("output").getAttribute("aria-busy") === "false" && document.getElementById("result-status").textContent !== "–"`,
  );
  return text(page, "#result-status");
}

async function openPlayground(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${url}/playground`);
  await page.locator("#run:not([disabled])").waitFor({ timeout: 15_000 });
  assert.deepEqual(errors, [], "the page loads without errors (a CSP violation is one)");
  return page;
}

/** Fills the Form predictor's fields (every kind of input it has). */
async function fillForm(page: Page, secret: string): Promise<void> {
  await page.getByLabel("Prompt").fill("hello ");
  await page.getByLabel("Count").fill("3");
  await page.getByLabel("Style").selectOption({ label: "shout" });
  await page.getByLabel("Api Key").fill(secret);
  await page.getByLabel("File").setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: PNG });
  await page.getByLabel("Tags").fill("red\nblue");
  await page.getByLabel("Either").fill("7");
}

const launched = await launchChromium();
const missing = "missing" in launched ? launched.missing : undefined;
if (missing && process.env.CI) throw new Error(`the playground tests need a browser under CI: ${missing}`);
const browser = "browser" in launched ? launched.browser : undefined;

describe("the playground page's responses", { timeout: 60_000 }, () => {
  let url: string;
  let plain: string;
  before(async () => {
    const dir = fixturePath("playground");
    [url, plain] = await Promise.all([serve(dir, "predict.ts:Form"), serve(dir, "predict.ts:Form", false)]);
  });
  after(() => stopAll());

  it("serves the page, its stylesheet and its modules with their types, no-store and a strict CSP", async () => {
    for (const [path, type] of [
      ["/playground", "text/html; charset=utf-8"],
      ["/playground/assets/playground.css", "text/css; charset=utf-8"],
      ["/playground/assets/main.js", "text/javascript; charset=utf-8"],
      ["/playground/assets/form-view.js", "text/javascript; charset=utf-8"],
    ]) {
      const response = await fetch(`${url}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get("content-type"), type, path);
      assert.equal(response.headers.get("cache-control"), "no-store", path);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
      const csp = response.headers.get("content-security-policy") ?? "";
      assert.match(csp, /^default-src 'self'; script-src 'self'; style-src 'self';/, path);
      assert.match(csp, /form-action 'none'/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      await response.arrayBuffer();
    }
    const html = await (await fetch(`${url}/playground`)).text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script");
    assert.doesNotMatch(html, /\bstyle=|<style/, "no inline style");
    assert.doesNotMatch(html, /https?:\/\//, "nothing from another origin");
  });

  it("answers 404 for an unknown asset, and serves no playground unless asked", async () => {
    const unknown = await fetch(`${url}/playground/assets/..%2Fplayground-routes.js`);
    assert.equal(unknown.status, 404);
    assert.deepEqual(await unknown.json(), { detail: "Not Found" });
    const off = await fetch(`${plain}/playground`);
    assert.equal(off.status, 404);
    await off.arrayBuffer();
  });
});

describe("the playground in Chromium", { timeout: 180_000, skip: missing }, () => {
  let form: string;
  let echo: string;
  let streaming: string;
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const dir = fixturePath("playground");
    [form, echo, streaming] = await Promise.all([
      serve(dir, "predict.ts:Form"),
      serve(dir, "predict.ts:Echo"),
      serve(serverFixture("sse"), "predict.ts:Predictor"),
    ]);
  });
  after(async () => {
    await browser?.close();
    await stopAll();
  });

  it("draws a labelled field per input in x-order, with defaults, bounds, choices, a password and a file picker", async (t) => {
    const page = await openPlayground(browser!, form);
    const order = await page.evaluate<string[]>(`[...document.querySelectorAll("[data-input]")].map((field) => field.dataset.input)`);
    assert.deepEqual(order, ["prompt", "count", "style", "api_key", "image", "note", "tags", "either"]);
    const unlabelled = await page.evaluate<string[]>(
      `[...document.querySelectorAll("#prediction-form input, #prediction-form select, #prediction-form textarea")].filter((c) => c.labels.length === 0).map((c) => c.id)`,
    );
    assert.deepEqual(unlabelled, [], "every control has a label");
    const count = page.getByLabel("Count");
    assert.equal(await count.inputValue(), "2", "the default is filled in");
    assert.equal(await count.getAttribute("min"), "1");
    assert.equal(await count.getAttribute("max"), "5");
    assert.match(await text(page, "#input-count-hint"), /How many times\. Default: 2\. From 1 to 5\./);
    assert.deepEqual(await page.evaluate(`[...document.getElementById("input-style").options].map((o) => o.text)`), ["plain", "shout"]);
    const key = page.getByLabel("Api Key");
    assert.equal(await key.getAttribute("type"), "password");
    assert.equal(await key.getAttribute("autocomplete"), "off");
    assert.equal(await page.getByLabel("File").getAttribute("accept"), "image/*");
    assert.match(await text(page, "#input-note-hint"), /Leave empty for null/);
    const path = join(SCREENSHOTS, "form.png");
    await page.screenshot({ path, fullPage: true });
    t.diagnostic(`screenshot of the form: ${path}`);
    await page.context().close();
  });

  it("refuses a value out of bounds in the page, before any request", async () => {
    const page = await openPlayground(browser!, form);
    await fillForm(page, "unused");
    await page.getByLabel("Count").fill("9");
    await page.locator("#run").click();
    assert.equal(await page.evaluate(`document.getElementById("input-count").validity.rangeOverflow`), true);
    assert.equal(await text(page, "#result-status"), "–", "nothing ran");
    await page.context().close();
  });

  it("runs the form and shows the output, the redacted logs, the status, the predict time and the curl command", async (t) => {
    const page = await openPlayground(browser!, form);
    await fillForm(page, CANARY);
    await page.locator("#run").click();
    assert.equal(await finished(page), "succeeded");
    assert.equal(
      await text(page, "#output"),
      `HELLO HELLO HELLO  | key=${CANARY.length} chars | image=${PNG.length} bytes | note=null | tags=red,blue | either=number:7`,
    );
    const logs = await text(page, "#logs");
    assert.match(logs, /^using key \S+/, "the predictor's log line is shown");
    assert.ok(!logs.includes(CANARY), "the server redacted the secret it printed");
    assert.match(await text(page, "#result-time"), /^\d+\.\d{3} s$/);
    const curl = await text(page, "#curl");
    assert.match(curl, /^IFS= read -rs API_KEY /m);
    assert.match(curl, /^IMAGE="data:image\/png;base64,\$\(base64 < 'dot\.png' \| tr -d '\\n'\)"$/m);
    assert.match(curl, /curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/predictions'/);
    assert.ok(curl.includes(`"api_key":"'"$API_KEY"'"`), curl);
    assert.ok(curl.includes(`"count":3`) && curl.includes(`"tags":["red","blue"]`) && curl.includes(`"either":7`), curl);
    const path = join(SCREENSHOTS, "result.png");
    await page.screenshot({ path, fullPage: true });
    t.diagnostic(`screenshot of a result: ${path}`);
    await page.context().close();
  });

  it("keeps a secret nowhere after a run: not in the field, storage, cookies, the URL, the HTML or the curl command", async () => {
    const page = await openPlayground(browser!, form);
    await fillForm(page, CANARY);
    await page.locator("#run").click();
    assert.equal(await finished(page), "succeeded");
    assert.equal(await page.getByLabel("Api Key").inputValue(), "", "the field is cleared after the run");
    const storage = await page.evaluate<{ local: number; session: number; cookie: string }>(
      `({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie })`,
    );
    assert.deepEqual(storage, { local: 0, session: 0, cookie: "" });
    assert.deepEqual(await page.context().cookies(), []);
    assert.equal(page.url(), `${form}/playground`);
    const html = await page.content();
    const curl = await text(page, "#curl");
    for (const form of canaryForms(CANARY)) {
      assert.ok(!html.includes(form), `the page's HTML holds the secret as ${JSON.stringify(form)}`);
      assert.ok(!curl.includes(form), `the curl command holds the secret as ${JSON.stringify(form)}`);
      assert.ok(!page.url().includes(form), "the URL holds the secret");
    }
    await page.context().close();
  });

  it("shows a streaming predictor's output piece by piece as the events arrive", async (t) => {
    const page = await openPlayground(browser!, streaming);
    await page.getByLabel("N", { exact: true }).fill("4");
    await page.getByLabel("Gap Ms").fill("500");
    await page.locator("#run").click();
    const seen: { status: string; output: string }[] = [];
    for (;;) {
      const now = await page.evaluate<{ status: string; output: string }>(
        `({ status: document.getElementById("result-status").textContent, output: document.getElementById("output").textContent })`,
      );
      if (seen.at(-1)?.output !== now.output || seen.at(-1)?.status !== now.status) seen.push(now);
      if (now.status === "succeeded" || now.status === "failed" || now.status === "error") break;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    t.diagnostic(`states seen: ${JSON.stringify(seen)}`);
    const final = seen.at(-1)!;
    assert.equal(final.status, "succeeded");
    assert.equal(final.output, "tok0 \ntok1 \ntok2 \ntok3 ");
    const partial = seen.filter((state) => state.status === "processing" && state.output !== "").map((state) => state.output);
    assert.deepEqual(partial, ["tok0 ", "tok0 \ntok1 ", "tok0 \ntok1 \ntok2 ", "tok0 \ntok1 \ntok2 \ntok3 "].slice(0, partial.length));
    assert.ok(partial.length >= 3, `the output grew while the prediction ran: ${JSON.stringify(partial)}`);
    assert.match(await text(page, "#logs"), /token 0\ntoken 1\ntoken 2\ntoken 3\n/);
    assert.match(await text(page, "#curl"), /-H 'Accept: text\/event-stream' -N/);
    await page.context().close();
  });

  it("sends an uploaded PNG as a data URL and shows the returned file as an image with a download link", async (t) => {
    const page = await openPlayground(browser!, echo);
    await page.getByLabel("File").setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: PNG });
    await page.locator("#run").click();
    assert.equal(await finished(page), "succeeded");
    const image = page.locator("#output img");
    await image.waitFor();
    assert.equal(await image.getAttribute("src"), `data:image/png;base64,${PNG.toString("base64")}`);
    await until(page, `document.querySelector("#output img").complete`);
    const size = await page.evaluate(
      `[document.querySelector("#output img").naturalWidth, document.querySelector("#output img").naturalHeight]`,
    );
    assert.deepEqual(size, [48, 32], "the image decodes");
    const link = page.locator("#output a[download]");
    assert.equal(await link.getAttribute("href"), `data:image/png;base64,${PNG.toString("base64")}`);
    assert.equal(await link.getAttribute("download"), "output.png");
    const path = join(SCREENSHOTS, "image-result.png");
    await page.screenshot({ path, fullPage: true });
    t.diagnostic(`screenshot of a file result: ${path}`);
    await page.context().close();
  });
});
