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

test("a body of bytes must be UTF-8: invalid sequences are a BadRequestError, never U+FFFD passed on", () => {
  const json = (...inner: number[]) => Buffer.concat([Buffer.from('{"input":{"text":"a'), Buffer.from(inner), Buffer.from('b"}}')]);
  assert.deepEqual(parseJsonBody(json(0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80), 64), { input: { text: "aé😀b" } });
  assert.equal(parseJsonBody(Buffer.alloc(0), 64), undefined);
  for (const bad of [
    [0xc3, 0x28], // a lead byte without its continuation
    [0xff], // never valid
    [0x80], // a stray continuation byte
    [0xc0, 0xaf], // an overlong "/"
    [0xed, 0xa0, 0x80], // an encoded UTF-16 surrogate
    [0xf0, 0x9f, 0x98], // a truncated 4-byte character
  ]) {
    assert.throws(
      () => parseJsonBody(json(...bad), 64),
      (error: unknown) => error instanceof BadRequestError && error.message === "the request body is not valid UTF-8",
      bad.map((byte) => byte.toString(16)).join(" "),
    );
  }
});
