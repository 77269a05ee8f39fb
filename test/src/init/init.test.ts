// `tsc-cog init` end to end: the project it writes runs as its next steps say (no node_modules, then
// with its own SDK), type-checks with the workspace's TypeScript, and a second init changes nothing.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { assertNoLeaks, CANARY, textsUnder } from "../support/canary.js";
import { CLI_BIN, REPO_ROOT, runCli, runProgram } from "../support/cli.js";
import { tempDir } from "../support/temp.js";

const FILES = ["predict.ts", "cog.yaml", "package.json", "tsconfig.json", "README.md", ".gitignore", ".dockerignore"];
const SIGNING_KEY = `${CANARY}-signing-key`;
const API_TOKEN = "tsc-cog-CANARY-api-token-5e6f7a8b+/=";

const signed = (text: string) => `${text}.${createHmac("sha256", SIGNING_KEY).update(text).digest("hex")}`;

/** Every file under `dir` (node_modules aside) with its modification time and content. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { encoding: "utf8" })
      .filter((name) => name !== "node_modules")
      .sort()
      .map((name) => [name, `${statSync(join(dir, name)).mtimeMs} ${readFileSync(join(dir, name), "utf8")}`]),
  );
}

describe("tsc-cog init", () => {
  let parent: string;
  let project: string;
  let printed: string;

  before(async () => {
    parent = tempDir("tsc-cog-init-");
    project = join(parent, "proj");
    const run = await runCli(["init", "proj"], { cwd: parent });
    assert.equal(run.code, 0, run.stderr);
    printed = run.stderr;
  });

  it("writes the project's files into a new folder and prints them with the next steps", () => {
    assert.deepEqual(readdirSync(project).sort(), [...FILES].sort());
    assert.match(
      printed,
      /Created predict\.ts, cog\.yaml, package\.json, tsconfig\.json, README\.md, \.gitignore, \.dockerignore in proj\./,
    );
    const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    assert.equal(manifest.name, "proj");
    assert.equal(
      manifest.dependencies["@tsc-cog/sdk"],
      `^${JSON.parse(readFileSync(join(REPO_ROOT, "packages/sdk/package.json"), "utf8")).version}`,
    );
    assert.match(readFileSync(join(project, "cog.yaml"), "utf8"), /^secrets:\n {2}signing_key: null$/m);
  });

  it("predicts with no node_modules, the secrets from the environment, and prints neither", async () => {
    const run = await runCli(["predict", "-i", "text=hello", "-i", "api_token=env:INIT_TEST_TOKEN"], {
      cwd: project,
      env: { TSC_COG_SECRET_signing_key: SIGNING_KEY, INIT_TEST_TOKEN: API_TOKEN, NO_COLOR: "1" },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${signed("hello")}\n`);
    assert.match(run.stderr, /loaded signing_key \*{10}\n/);
    assert.match(run.stderr, /signing 5 characters for api_token \*{10}\n/);
    assertNoLeaks({ stdout: run.stdout, stderr: run.stderr }, [SIGNING_KEY, API_TOKEN]);
  });

  it("runs the next steps it printed, as printed (cd, secrets set from stdin, predict)", async () => {
    const steps = printed
      .split("\n")
      .slice(printed.split("\n").indexOf("Next:") + 1)
      .filter((line) => line.startsWith("  "));
    assert.equal(steps.length, 3, printed);
    const script = `set -euo pipefail\ntsc-cog() { ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_BIN)} "$@"; }\n${steps.join("\n")}`;
    const home = tempDir("tsc-cog-init-home-");
    const run = await runProgram("bash", ["-c", script], {
      cwd: parent,
      stdin: `${SIGNING_KEY}\n`,
      env: { HOME: home, XDG_CONFIG_HOME: join(home, ".config"), API_TOKEN, NO_COLOR: "1" },
    });
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.equal(run.stdout, `${signed("hello")}\n`);
    assertNoLeaks({ stdout: run.stdout, stderr: run.stderr }, [SIGNING_KEY, API_TOKEN]);
  });

  it("type-checks with tsc --noEmit once the SDK and the Node types are installed", async () => {
    // What `npm install` would give it, linked from this workspace.
    mkdirSync(join(project, "node_modules", "@tsc-cog"), { recursive: true });
    mkdirSync(join(project, "node_modules", "@types"), { recursive: true });
    symlinkSync(join(REPO_ROOT, "packages", "sdk"), join(project, "node_modules", "@tsc-cog", "sdk"), "dir");
    symlinkSync(realpathSync(join(REPO_ROOT, "node_modules", "@types", "node")), join(project, "node_modules", "@types", "node"), "dir");
    const tsc = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
    const run = await runProgram(process.execPath, [tsc, "--noEmit", "-p", join(project, "tsconfig.json")], { cwd: project });
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  });

  it("predicts with the project's own SDK once it is installed", async () => {
    const run = await runCli(["predict", "-i", "text=again", "-i", "api_token=env:INIT_TEST_TOKEN"], {
      cwd: project,
      env: { TSC_COG_SECRET_signing_key: SIGNING_KEY, INIT_TEST_TOKEN: API_TOKEN, NO_COLOR: "1" },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${signed("again")}\n`);
    assertNoLeaks({ stdout: run.stdout, stderr: run.stderr }, [SIGNING_KEY, API_TOKEN]);
  });

  it("builds: tsc-cog build writes a context with the project, its SDK and no secret", async () => {
    const context = join(tempDir("tsc-cog-init-context-"), "context");
    const run = await runCli(["build", "--context-only", context], {
      cwd: project,
      env: { TSC_COG_SECRET_signing_key: SIGNING_KEY, NO_COLOR: "1" },
    });
    assert.equal(run.code, 0, run.stderr);
    for (const file of ["Dockerfile", "app/predict.ts", "app/cog.yaml", "app/node_modules/@tsc-cog/sdk/package.json"])
      assert.ok(statSync(join(context, file)).isFile(), file);
    assert.deepEqual(readdirSync(join(context, "app")).sort(), [
      ".dockerignore",
      ".gitignore",
      "README.md",
      "cog.yaml",
      "node_modules",
      "package.json",
      "predict.ts",
      "tsconfig.json",
    ]);
    assertNoLeaks({ stdout: run.stdout, stderr: run.stderr, ...textsUnder(join(context, "app"), ["node_modules"]) }, [SIGNING_KEY]);
  });

  it("refuses to init the same folder again: exit 2, every file listed, nothing changed", async () => {
    const before = snapshot(project);
    const run = await runCli(["init", "proj"], { cwd: parent, env: { NO_COLOR: "1" } });
    assert.equal(run.code, 2, run.stderr);
    assert.equal(
      run.stderr,
      `error: tsc-cog init: proj already has ${FILES.join(", ")}; nothing was written (remove them or pick another folder)\n`,
    );
    assert.deepEqual(snapshot(project), before);
  });
});
