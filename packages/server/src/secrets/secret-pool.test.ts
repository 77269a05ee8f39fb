import assert from "node:assert/strict";
import { test } from "node:test";
import { requestSecrets, unscrubbableSecrets } from "./request-secrets.js";
import { SecretPool } from "./secret-pool.js";

test("held secrets are scrubbed, also by a redactor taken before they were added; dropped ones no longer are", () => {
  const pool = new SecretPool([{ value: "deploy-secret-1", label: "hf", kind: "deployment" }]);
  const early = pool.redactor;
  pool.hold("p1", [{ value: "input-secret-22", label: "token", kind: "input" }]);
  assert.equal(early.redactText("a deploy-secret-1 b input-secret-22"), "a ********** b **********");
  pool.drop("p1");
  assert.equal(pool.redactor.redactText("input-secret-22 deploy-secret-1"), "input-secret-22 **********");
});

test("a finished prediction's secrets stay registered for as long as its worker lives, however many come after", () => {
  const pool = new SecretPool([]);
  pool.hold("first", [{ value: "first-secret-value", label: "token", kind: "input" }]);
  pool.retire("first", 1);
  for (let i = 0; i < 1000; i++) {
    pool.hold(`p${i}`, [{ value: `other-secret-${i}`, label: "token", kind: "input" }]);
    pool.retire(`p${i}`, 2);
  }
  assert.equal(pool.redactor.redactText("first-secret-value"), "**********");
  pool.forgetWorker(2);
  assert.equal(pool.redactor.redactText("other-secret-999 first-secret-value"), "other-secret-999 **********");
  pool.forgetWorker(1);
  assert.equal(pool.redactor.redactText("first-secret-value"), "first-secret-value");
});

test("short-secret warnings are reported once per name", () => {
  const pool = new SecretPool([]);
  pool.hold("a", [{ value: "pin1", label: "pin", kind: "input" }]);
  assert.equal(pool.newWarnings().length, 1);
  pool.hold("b", [{ value: "pin2", label: "pin", kind: "input" }]);
  pool.drop("a");
  assert.deepEqual(pool.newWarnings(), []);
});

test("a request's secret inputs are collected whatever their JSON type", () => {
  const inputs = [
    { name: "token", type: { base: "secret", list: false } },
    { name: "text", type: { base: "string", list: false } },
  ] as never;
  assert.deepEqual(
    requestSecrets(inputs, { token: { k: ["s1", 42] }, text: "not-a-secret" }).map((s) => s.value),
    ["k", "s1", "42"],
  );
});

test("a secret the redaction engine cannot encode (a lone surrogate) is reported, not registered", () => {
  const secrets = [
    { value: "fine-secret-1", label: "a", kind: "input" as const },
    { value: "bad-\ud800-secret", label: "b", kind: "input" as const },
  ];
  assert.deepEqual(
    unscrubbableSecrets(secrets).map((s) => s.label),
    ["b"],
  );
});
