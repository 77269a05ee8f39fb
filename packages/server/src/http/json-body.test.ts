import assert from "node:assert/strict";
import { test } from "node:test";
import { BadRequestError, nestingDepth, parseJsonBody } from "./json-body.js";

test("JSON nesting depth ignores brackets inside strings, escaped quotes included", () => {
  const table: [string, number][] = [
    ["{}", 1],
    ['{"a":[1,[2]]}', 3],
    ['"[[[["', 0],
    ['{"a":"x\\"[[[["}', 1],
    ['{"a":"x\\\\"}', 1],
    ['["\\\\\\"{{"]', 1],
    ["[[[", 3],
  ];
  for (const [text, depth] of table) assert.equal(nestingDepth(text), depth, text);
});

test("bodies are parsed, empty is undefined, and every problem is a BadRequestError that never quotes the body", () => {
  assert.deepEqual(parseJsonBody('{"input":{"a":1}}', 64), { input: { a: 1 } });
  assert.equal(parseJsonBody("  ", 64), undefined);
  const secret = "hunter2-very-secret";
  for (const [text, message] of [
    [`{"token": "${secret}"`, "the request body is not valid JSON"],
    [`{"token": ${secret}}`, "the request body is not valid JSON"],
    [`${"[".repeat(65)}"${secret}"${"]".repeat(65)}`, "the request body nests JSON deeper than 64 levels"],
  ]) {
    assert.throws(
      () => parseJsonBody(text, 64),
      (error: unknown) => error instanceof BadRequestError && error.message === message && !error.message.includes(secret),
    );
  }
});
