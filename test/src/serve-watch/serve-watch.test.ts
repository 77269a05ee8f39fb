// `tsc-cog serve --watch`: saving a predictor's source restarts its workers while the server (its
// process and port) stays up; a broken save is SETUP_FAILED until the next good one.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { call, predict } from "../server/support/http.js";
import { type ServeProcess, startServe, stopAll, waitForHealth } from "../server/support/serve-process.js";
import { sleep } from "../support/cli.js";
import { makeProject } from "../support/project.js";
import { writeFiles } from "../support/temp.js";

/** A predictor that greets `name` (after `sleep_ms`) and says which version of its source answered. */
const predictor = (version: string) => `import { BasePredictor, Input, Int, Output } from "@tsc-cog/sdk";

export class Predictor extends BasePredictor {
  @Output(String)
  async predict(
    @Input({ description: "Who to greet" }) name: string,
    @Input({ type: Int, default: 0, ge: 0 }) sleep_ms: number,
  ): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, sleep_ms));
    return \`hello \${name} from ${version}\`;
  }
}
`;

/** A syntax error at predict.ts:3:17. */
const BROKEN =
  'import { BasePredictor } from "@tsc-cog/sdk";\nexport class Predictor extends BasePredictor {\n  async predict(: string) {}\n}\n';

const project = () => makeProject({ "cog.yaml": 'predict: "predict.ts:Predictor"\n', "predict.ts": predictor("v1") }, "tsc-cog-watch-");

/** Waits (at most `ms`) until the server's output matches `pattern` at least `count` times. */
async function waitForOutput(server: ServeProcess, pattern: RegExp, count: number, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  const global = new RegExp(pattern.source, "g");
  while ((server.stderr().match(global) ?? []).length < count) {
    if (Date.now() > deadline) throw new Error(`the server never printed ${pattern} ${count} time(s) within ${ms} ms:\n${server.stderr()}`);
    await sleep(50);
  }
}

describe("tsc-cog serve --watch", { timeout: 180_000 }, () => {
  after(stopAll);

  it("a saved change reloads the workers: the next prediction runs the new code, on the same server and port", async () => {
    const dir = project();
    const server = await startServe({ cwd: dir, args: ["--watch"] });
    const before = await predict(server.url, { input: { name: "ada" } });
    assert.equal(before.json.output, "hello ada from v1");
    writeFileSync(join(dir, "predict.ts"), predictor("v2"));
    await waitForOutput(server, /ready again in \d+\.\d s/, 1);
    assert.match(server.stderr(), /tsc-cog serve: predict\.ts changed; reloading/);
    const afterReload = await predict(server.url, { input: { name: "ada" } });
    assert.equal(afterReload.status, 200);
    assert.equal(afterReload.json.output, "hello ada from v2");
    assert.equal(server.child.exitCode, null, "the server process is still the same one");
    await server.stop();
  });

  it("a syntax error keeps the server up in SETUP_FAILED with its location; the next good save makes it READY again", async () => {
    const dir = project();
    const server = await startServe({ cwd: dir, args: ["--watch"] });
    writeFileSync(join(dir, "predict.ts"), BROKEN);
    const failed = await waitForHealth(server.url, "SETUP_FAILED", 30_000);
    assert.match(JSON.stringify(failed), /predict\.ts:3:17/);
    const refused = await predict(server.url, { input: { name: "ada" } });
    assert.equal(refused.status, 503, "predictions are refused, the server answers");
    await waitForOutput(server, /the reload failed after \d+\.\d s/, 1);

    writeFileSync(join(dir, "predict.ts"), predictor("v3"));
    await waitForOutput(server, /ready again in/, 1);
    await waitForHealth(server.url, "READY", 30_000);
    const reply = await predict(server.url, { input: { name: "grace" } });
    assert.equal(reply.json.output, "hello grace from v3");
    const schema = await call("GET", `${server.url}/openapi.json`);
    assert.equal(schema.status, 200, "the schema is back");
    await server.stop();
  });

  it("a prediction in flight during a reload finishes on the old code; new ones wait for the new workers", async () => {
    const dir = project();
    const server = await startServe({ cwd: dir, args: ["--watch"] });
    const inFlight = predict(server.url, { input: { name: "old", sleep_ms: 1500 } });
    await waitForHealth(server.url, "BUSY", 5000);
    writeFileSync(join(dir, "predict.ts"), predictor("v2"));
    await waitForHealth(server.url, "STARTING", 5000);
    const during = await predict(server.url, { input: { name: "new" } });
    assert.equal(during.status, 503, "a request during the reload is refused as not ready");
    const old = await inFlight;
    assert.equal(old.json.status, "succeeded");
    assert.equal(old.json.output, "hello old from v1");
    await waitForHealth(server.url, "READY", 30_000);
    const reply = await predict(server.url, { input: { name: "new" } });
    assert.equal(reply.json.output, "hello new from v2");
    await server.stop();
  });

  it("never shows a secret in a changed file's name: a predictor that names a file after its secret input", async () => {
    const token = "tsc-cog-CANARY-watch-file-name-4c2a";
    const dir = makeProject(
      {
        "cog.yaml": 'predict: "predict.ts:Predictor"\n',
        "predict.ts": `import { writeFileSync } from "node:fs";
import { BasePredictor, Output, type Secret, SecretInput } from "@tsc-cog/sdk";

export class Predictor extends BasePredictor {
  @Output(String)
  async predict(@SecretInput() token: Secret): Promise<string> {
    writeFileSync(\`\${token.getSecretValue()}.json\`, "{}");
    return "wrote a file";
  }
}
`,
      },
      "tsc-cog-watch-name-",
    );
    const server = await startServe({ cwd: dir, args: ["--watch"] });
    const reply = await predict(server.url, { input: { token } });
    assert.equal(reply.json.output, "wrote a file");
    await waitForOutput(server, /changed; reloading/, 1);
    await waitForOutput(server, /ready again in|the reload failed/, 1);
    assert.match(server.stderr(), /tsc-cog serve: \*{10}\.json changed; reloading/);
    assert.ok(!server.stderr().includes(token), server.stderr());
    await server.stop();
  });

  it("changes in node_modules and dot-folders do not reload; a file in a new folder does", async () => {
    const dir = project();
    writeFiles(dir, { "node_modules/dep/index.js": "module.exports = 1;\n", ".cache/x.json": "{}" });
    const server = await startServe({ cwd: dir, args: ["--watch"] });
    writeFiles(dir, { "node_modules/dep/index.js": "module.exports = 2;\n", ".cache/x.json": "[]", ".cache/new/y.ts": "" });
    await sleep(1000);
    assert.doesNotMatch(server.stderr(), /changed; reloading/);
    writeFiles(dir, { "lib/util.ts": "export const x = 1;\n" });
    await waitForOutput(server, /lib\/util\.ts changed; reloading/, 1);
    await server.stop();
  });
});
