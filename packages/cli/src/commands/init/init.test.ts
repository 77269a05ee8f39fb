import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { UsageError } from "@tsc-cog/runtime";
import type { CommandIO } from "../../io.js";
import { init } from "./init.js";
import { writeNewFiles } from "./write-new-files.js";

const FILES = ["predict.ts", "cog.yaml", "package.json", "tsconfig.json", "README.md", ".gitignore", ".dockerignore"];

const root = mkdtempSync(join(tmpdir(), "tsc-cog-init-unit-"));
after(() => rmSync(root, { recursive: true, force: true }));
let count = 0;
const freshDir = () => {
  const dir = join(root, `case-${++count}`);
  mkdirSync(dir);
  return dir;
};

/** Runs init in `cwd`; returns what it printed as status. */
async function runInit(cwd: string, dir = "."): Promise<string[]> {
  const messages: string[] = [];
  // init reads only cwd and prints only through info: the rest of CommandIO is never touched.
  const io = { cwd, info: (message: string) => messages.push(message) } as unknown as CommandIO;
  await init({ dir }, io);
  return messages;
}

/** Every file under `dir` with its content and modification time, for "nothing changed" checks. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: "utf8" })
      .sort()
      .map((name) => {
        const path = join(dir, name);
        const stat = statSync(path);
        return [name, stat.isDirectory() ? "<dir>" : `${stat.mtimeMs} ${readFileSync(path, "utf8")}`];
      }),
  );
}

describe("tsc-cog init", () => {
  it("writes every file of the project into a new folder, parents included, and says what comes next", async () => {
    const cwd = freshDir();
    const messages = await runInit(cwd, "models/My Model");
    const project = join(cwd, "models", "My Model");
    assert.deepEqual(readdirSync(project).sort(), [...FILES].sort());
    assert.equal(JSON.parse(readFileSync(join(project, "package.json"), "utf8")).name, "my-model");
    const printed = messages.join("\n");
    assert.match(
      printed,
      /Created predict\.ts, cog\.yaml, package\.json, tsconfig\.json, README\.md, \.gitignore, \.dockerignore in models\/My Model/,
    );
    assert.match(printed, /cd 'models\/My Model'/);
    assert.match(printed, /tsc-cog secrets set signing_key/);
    assert.match(printed, /tsc-cog predict -i text=hello -i api_token=env:API_TOKEN/);
  });

  it("refuses a folder that has any of its files, listing each, and writes nothing", async () => {
    const cwd = freshDir();
    const project = join(cwd, "my-model");
    mkdirSync(project);
    writeFileSync(join(project, "cog.yaml"), "predict: mine.ts:Mine\n");
    writeFileSync(join(project, ".gitignore"), "dist/\n");
    writeFileSync(join(project, "notes.txt"), "keep me\n");
    const before = snapshot(project);
    await assert.rejects(runInit(cwd, "my-model"), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.equal(
        error.message,
        "tsc-cog init: my-model already has cog.yaml, .gitignore; nothing was written (remove them or pick another folder)",
      );
      return true;
    });
    assert.deepEqual(snapshot(project), before);
  });

  it("refuses a second init in the same folder, listing all of its files", async () => {
    const cwd = freshDir();
    await runInit(cwd);
    const before = snapshot(cwd);
    await assert.rejects(runInit(cwd), {
      message: new RegExp(`^tsc-cog init: \\. already has ${FILES.join(", ").replaceAll(".", "\\.")};`),
    });
    assert.deepEqual(snapshot(cwd), before);
  });

  it("counts a dangling symlink as an existing file (writing would follow it)", async () => {
    const cwd = freshDir();
    symlinkSync(join(cwd, "nowhere"), join(cwd, "README.md"));
    await assert.rejects(runInit(cwd), { message: /already has README\.md;/ });
    assert.deepEqual(readdirSync(cwd), ["README.md"]);
  });
});

describe("writeNewFiles", () => {
  it("removes what it wrote, its temporary files and the folders it made when a write fails midway", () => {
    const cwd = freshDir();
    const dir = join(cwd, "a", "b");
    const files = [
      { name: "one.txt", content: "1" },
      { name: "two.txt", content: "2" },
      { name: join("missing-folder", "three.txt"), content: "3" },
    ];
    assert.throws(() => writeNewFiles(dir, files), { code: "ENOENT" });
    assert.deepEqual(readdirSync(cwd), []);
  });

  it("leaves a folder that already existed in place, and empty, when a write fails", () => {
    const dir = freshDir();
    assert.throws(() =>
      writeNewFiles(dir, [
        { name: "ok.txt", content: "" },
        { name: join("nope", "x"), content: "" },
      ]),
    );
    assert.deepEqual(readdirSync(dir), []);
  });
});
