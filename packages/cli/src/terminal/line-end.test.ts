import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LineEnd } from "./line-end.js";

describe("LineEnd: whether the next message would start a line", () => {
  const rows: readonly [string, readonly (string | Uint8Array)[], boolean][] = [
    ["nothing written yet", [], true],
    ["a finished line", ["chunk 1\n"], true],
    ["output that stopped mid-line", ["working on it"], false],
    ["bytes that stopped mid-line", [Buffer.from("working\nhalf")], false],
    ["a line then a colour reset", ["\u001b[31merror:\u001b[39m failed\n\u001b[22m"], true],
    ["the status line drawn", ["\r\u001b[2K⠋ Running setup() (0.1s)"], false],
    ["the status line cleared", ["\r\u001b[2K⠋ Running setup() (0.1s)", "\r\u001b[2K"], true],
    ["an empty write changes nothing", ["half", ""], false],
    ["the terminal's ^C after a finished line", ["done\n", "^C"], false],
  ];
  for (const [name, chunks, expected] of rows) {
    it(name, () => {
      const lineEnd = new LineEnd();
      for (const chunk of chunks) lineEnd.note(chunk);
      assert.equal(lineEnd.atLineStart, expected);
    });
  }
});
