// `tsc-cog build` without a container engine: the build context it writes (the project without its
// secrets, dependencies installed, a Dockerfile as designed), its refusals (a secret in a project file,
// a bad tag, a non-empty folder, a dependency not installed) and the command it prints.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { assertNoLeaks, textsUnder } from "../support/canary.js";
import { assertNoStack, runCli } from "../support/cli.js";
import { copyFixture } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const KEY = "tsc-cog-CANARY-image-model-key-41c9";
const env = { TSC_COG_SECRET_model_key: KEY, TSC_COG_CONTAINER_ENGINE: "none", NO_COLOR: "1" };

/** The image fixture with what a careless project holds: a .env, a secrets/ folder, a file its .dockerignore names. */
function carelessProject(): string {
  const project = copyFixture("image");
  writeFileSync(join(project, ".env"), `MODEL_KEY=${KEY}\n`);
  writeFileSync(join(project, "notes.txt"), "not for the image\n");
  writeFileSync(join(project, ".dockerignore"), "# comments are fine\nnotes.txt\n");
  return project;
}

describe("tsc-cog build: the build context", { timeout: 120_000 }, () => {
  it("writes the project without its secrets, tsc-cog installed, and a Dockerfile as designed", async () => {
    const project = carelessProject();
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(project, "secrets"));
    writeFileSync(join(project, "secrets", "model_key"), KEY);
    const context = join(tempDir(), "context");
    const result = await runCli(["build", "--context-only", context, "-t", "my-model:1"], { cwd: project, env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `podman build --format docker -t my-model:1 ${context}\ndocker build -t my-model:1 ${context}\n`);
    assert.match(result.stderr, /not copied into the image: \.env, secrets\/ \(may hold secrets\)/);
    assert.deepEqual(readdirSync(context).sort(), ["Dockerfile", "app"]);
    assert.deepEqual(readdirSync(join(context, "app")).sort(), [".dockerignore", "cog.yaml", "node_modules", "predict.ts"]);
    assert.ok(existsSync(join(context, "app", "node_modules", "@tsc-cog", "cli", "bin", "tsc-cog.js")));
    assert.ok(existsSync(join(context, "app", "node_modules", "fastify", "package.json")), "the server's dependencies too");
    assert.ok(
      !existsSync(join(context, "app", "node_modules", "@tsc-cog", "cli", "src")),
      "a workspace package brings only what it publishes",
    );

    const dockerfile = readFileSync(join(context, "Dockerfile"), "utf8");
    for (const line of [
      "FROM node:22-bookworm-slim",
      "COPY app /app",
      'RUN ["node", "/app/node_modules/@tsc-cog/cli/bin/tsc-cog.js", "schema"]',
      "USER 10001:10001",
      "EXPOSE 8393",
      "STOPSIGNAL SIGTERM",
      'ENTRYPOINT ["node", "/app/node_modules/@tsc-cog/cli/bin/tsc-cog.js"]',
      'CMD ["serve", "--host", "0.0.0.0"]',
    ])
      assert.ok(dockerfile.split("\n").includes(line), `the Dockerfile has ${line}`);
    assert.match(dockerfile, /^ENV NODE_ENV=production PORT=8393 TSC_COG_CACHE_DIR=\/app\/\.tsc-cog\/compiled$/m);
    assert.match(dockerfile, /^HEALTHCHECK --interval=10s .*CMD \["node", "-e", ".*health-check.*READY.*BUSY/m);

    // The label holds the schema `tsc-cog schema` prints, as Cog's run.cog.openapi_schema.
    const label = /^LABEL run\.cog\.openapi_schema="(.*)"$/m.exec(dockerfile)?.[1] ?? "";
    const schema = await runCli(["schema"], { cwd: project, env });
    assert.deepEqual(JSON.parse(label.replace(/\\(.)/g, "$1")), JSON.parse(schema.stdout));
    assertNoLeaks({ stdout: result.stdout, stderr: result.stderr, ...textsUnder(context) }, [KEY], "the deployment secret");
  });

  it("refuses, naming the file and the secret, when a project file holds a secret this machine knows", async () => {
    const project = copyFixture("image");
    writeFileSync(join(project, "settings.json"), JSON.stringify({ url: "https://example.com", key: KEY }));
    const context = join(tempDir(), "context");
    const result = await runCli(["build", "--context-only", context], { cwd: project, env });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /the image would contain a secret, so nothing was built:\n- settings\.json holds the secret "model_key"/);
    assertNoStack(result.stderr);
    assert.ok(!existsSync(context), "nothing half-written is left");
    assertNoLeaks({ stdout: result.stdout, stderr: result.stderr }, [KEY], "the deployment secret");
  });

  it("finds a secret from the local store too, in an encoded form", async () => {
    const project = copyFixture("image");
    const home = tempDir();
    const store = await runCli(["secrets", "set", "model_key"], { env: { XDG_CONFIG_HOME: home }, stdin: KEY });
    assert.equal(store.code, 0, store.stderr);
    writeFileSync(join(project, "key.b64"), Buffer.from(`key=${KEY}`).toString("base64"));
    const result = await runCli(["build", "--context-only", join(tempDir(), "c")], {
      cwd: project,
      env: { XDG_CONFIG_HOME: home, TSC_COG_CONTAINER_ENGINE: "none" },
    });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /key\.b64 holds the secret "model_key"/);
  });

  it("refuses a bad tag, a non-empty --context-only folder and a dependency that is not installed, writing nothing", async () => {
    const project = copyFixture("image");
    const badTag = await runCli(["build", "-t", "My Model", "--context-only", join(tempDir(), "c")], { cwd: project, env });
    assert.equal(badTag.code, 2);
    assert.match(badTag.stderr, /-t "My Model" is not a valid image name/);

    const full = tempDir();
    writeFileSync(join(full, "keep.txt"), "mine");
    const notEmpty = await runCli(["build", "--context-only", full], { cwd: project, env });
    assert.equal(notEmpty.code, 2);
    assert.match(notEmpty.stderr, /is not empty; nothing was written/);
    assert.deepEqual(readdirSync(full), ["keep.txt"]);

    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "p", dependencies: { "left-pad-not-installed": "^1.0.0" } }));
    const context = join(tempDir(), "c");
    const missing = await runCli(["build", "--context-only", context], { cwd: project, env });
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /package\.json depends on left-pad-not-installed, which is not installed in .*: run npm install/);
    assert.ok(!existsSync(context));
    for (const result of [badTag, notEmpty, missing]) assertNoStack(result.stderr);
  });

  it("without podman or docker, writes .tsc-cog/context in the project and prints how to build it", async () => {
    const project = copyFixture("image");
    const result = await runCli(["build"], { cwd: project, env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /no podman or docker that can build here/);
    assert.match(result.stdout, /^podman build --format docker -t tsc-cog-tsc-cog-image-[a-z0-9-]+ .*\.tsc-cog\/context$/m);
    assert.ok(existsSync(join(project, ".tsc-cog", "context", "Dockerfile")));
    // Built again, the old context is replaced, never copied into the new one.
    const again = await runCli(["build"], { cwd: project, env });
    assert.equal(again.code, 0, again.stderr);
    assert.ok(!existsSync(join(project, ".tsc-cog", "context", "app", ".tsc-cog")));
  });
});
