import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { BoundarySplitter } from "./boundary-splitter.js";

const PREFIX = "\u001fboundary:abc123:";

/** Feeds `chunks` and returns the data as text, with `|n|` where boundary n was. */
function split(chunks: readonly string[]): string {
  let out = "";
  const splitter = new BoundarySplitter(
    PREFIX,
    (bytes) => (out += bytes.toString("utf8")),
    (n) => (out += `|${n}|`),
  );
  for (const chunk of chunks) splitter.push(Buffer.from(chunk, "utf8"));
  splitter.end();
  return out;
}

test("boundary lines are removed and reported with their number, wherever they fall in the stream", () => {
  const table: [string[], string][] = [
    [[`hello\n${PREFIX}0\n`], "hello\n|0|"],
    [[`no newline${PREFIX}1\nafter`], "no newline|1|after"],
    [[`${PREFIX}1\n${PREFIX}2\n`], "|1||2|"],
    [["a", `${PREFIX.slice(0, 5)}`, `${PREFIX.slice(5)}12`, "\nb"], "a|12|b"],
    [[`${PREFIX}x\n`], `${PREFIX}x\n`],
    [[`${PREFIX}\n`], `${PREFIX}\n`],
    [[`${PREFIX.slice(0, 4)}`], PREFIX.slice(0, 4)],
    [[`${PREFIX}42`], `${PREFIX}42`],
    [["ü", "日本"], "ü日本"],
  ];
  for (const [chunks, expected] of table) assert.equal(split(chunks), expected, JSON.stringify(chunks));
});

test("the result does not depend on how the stream is cut into chunks", () => {
  const piece = fc.oneof(fc.string(), fc.constantFrom(`${PREFIX}3\n`, `${PREFIX}17\n`, PREFIX, "\n", "\u001f"));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }), (pieces, cuts) => {
      const whole = pieces.join("");
      const bytes = Buffer.from(whole, "utf8");
      const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
      let out = "";
      const decoder = new TextDecoder();
      const splitter = new BoundarySplitter(
        PREFIX,
        (chunk) => (out += decoder.decode(chunk, { stream: true })),
        (n) => (out += `|${n}|`),
      );
      let from = 0;
      for (const point of [...points, bytes.length]) {
        splitter.push(bytes.subarray(from, point));
        from = point;
      }
      splitter.end();
      out += decoder.decode();
      assert.equal(out, split([whole]));
    }),
  );
});
