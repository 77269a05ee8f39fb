// Every shell block of the README works as written: each ```sh block carries a `<!-- readme-test: … -->`
// note saying how this test runs it (or why it does not, and which test covers it instead); the runnable
// ones run in bash, with `tsc-cog` on the PATH as the README says to put it there, in a copy of what they
// need, and must exit 0 without printing a secret.
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { assertNoLeaks } from "../support/canary.js";
import { REPO_ROOT, runProgram } from "../support/cli.js";
import { tempDir } from "../support/temp.js";

const TOKEN = "tsc-cog-CANARY-readme-hf-token-3b7d";

interface Block {
  readonly line: number;
  readonly note: string;
  readonly script: string;
}

/** The README's ```sh blocks, each with the `readme-test` note just above it ("" when it has none). */
function shellBlocks(): Block[] {
  const lines = readFileSync(join(REPO_ROOT, "README.md"), "utf8").split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "```sh") continue;
    const note = /^<!-- readme-test: (.*) -->$/.exec(lines[i - 1] ?? "")?.[1] ?? "";
    const end = lines.indexOf("```", i + 1);
    blocks.push({ line: i + 1, note, script: lines.slice(i + 1, end).join("\n") });
    i = end;
  }
  return blocks;
}

/** How a runnable block is set up: its working folder and its stdin, by the note's words. */
const SETUPS: Record<string, () => { cwd: string; stdin?: string }> = {
  "run in a copy of the repository": () => {
    const root = tempDir("tsc-cog-readme-");
    cpSync(join(REPO_ROOT, "examples"), join(root, "examples"), { recursive: true });
    return { cwd: root };
  },
  "run in a copy of examples/hello": () => {
    const dir = join(tempDir("tsc-cog-readme-"), "hello");
    cpSync(join(REPO_ROOT, "examples", "hello"), dir, { recursive: true });
    return { cwd: dir };
  },
  "run with a token on stdin and in token.txt": () => {
    const dir = tempDir("tsc-cog-readme-");
    writeFileSync(join(dir, "token.txt"), `${TOKEN}\n`);
    return { cwd: dir, stdin: `${TOKEN}\n` };
  },
};

describe("the README's shell blocks", { timeout: 180_000 }, () => {
  const blocks = shellBlocks();

  it("each says how it is tested: run (a known setup), or skip with the reason", () => {
    assert.ok(blocks.length >= 8);
    for (const block of blocks) {
      const known = block.note in SETUPS || /^skip \(.{10,}\)$/.test(block.note);
      assert.ok(
        known,
        `README.md line ${block.line}: a \`<!-- readme-test: run … -->\` or \`skip (why)\` note above the block (got ${JSON.stringify(block.note)})`,
      );
    }
  });

  for (const block of blocks.filter((b) => b.note in SETUPS)) {
    it(`runs the block at line ${block.line} as written (${block.note})`, async () => {
      const { cwd, stdin } = SETUPS[block.note]();
      const home = tempDir("tsc-cog-readme-home-");
      const result = await runProgram("bash", ["-euo", "pipefail", "-c", block.script], {
        cwd,
        stdin,
        env: {
          PATH: `${join(REPO_ROOT, "node_modules", ".bin")}:${process.env.PATH}`,
          HOME: home,
          XDG_CONFIG_HOME: join(home, ".config"),
          NO_COLOR: "1",
        },
        timeoutMs: 120_000,
      });
      assert.equal(result.code, 0, `README.md line ${block.line} failed:\n${result.stdout}\n${result.stderr}`);
      assertNoLeaks({ stdout: result.stdout, stderr: result.stderr }, [TOKEN], "the README's token");
    });
  }
});
