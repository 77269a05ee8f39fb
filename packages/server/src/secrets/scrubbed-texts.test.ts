import assert from "node:assert/strict";
import { test } from "node:test";
import { Redactor } from "@tsc-cog/sdk/engine";
import { ScrubbedTexts } from "./scrubbed-texts.js";

const redactorOf = (...values: string[]) => {
  const redactor = new Redactor();
  for (const value of values) redactor.register(value, "secret");
  return redactor;
};

test("a body scrubbed by the current redactor is passed once, not twice", () => {
  const redactor = redactorOf("deploy-secret-1");
  const texts = new ScrubbedTexts();
  texts.remember('{"output":"**********"}', redactor);
  assert.equal(texts.take('{"output":"**********"}', redactor), true);
  assert.equal(texts.take('{"output":"**********"}', redactor), false);
  assert.equal(texts.take('{"output":"never rendered"}', redactor), false);
});

test("a body is scrubbed again once a secret was added, or by another redactor", () => {
  const redactor = redactorOf("deploy-secret-1");
  const texts = new ScrubbedTexts();
  texts.remember("rendered before", redactor);
  redactor.register("input-secret-22", "token");
  assert.equal(texts.take("rendered before", redactor), false);
  texts.remember("rendered now", redactor);
  assert.equal(texts.take("rendered now", redactorOf("deploy-secret-1", "input-secret-22")), false);
});

test("nothing is passed while a secret holds a `*` (a mask could complete it)", () => {
  const redactor = redactorOf("deploy-secret-1", "x**********y");
  const texts = new ScrubbedTexts();
  texts.remember("rendered", redactor);
  assert.equal(texts.take("rendered", redactor), false);
});

test("it holds a bounded number of bodies: the oldest are scrubbed again", () => {
  const redactor = redactorOf("deploy-secret-1");
  const texts = new ScrubbedTexts();
  for (let i = 0; i < 1000; i++) texts.remember(`body ${i}`, redactor);
  assert.equal(texts.take("body 0", redactor), false);
  assert.equal(texts.take("body 999", redactor), true);
});
