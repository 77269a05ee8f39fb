import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspect } from "node:util";
import { SECRET_MASK } from "../secret/secret.js";
import { MIN_STREAM_SECRET_LENGTH, secretForms } from "./forms.js";
import { redactorWith } from "./redact.test-support.js";
import { Redactor } from "./redactor.js";

const CANARY = 'tsc-cog-CANARY-9f8e7d6c5b4a+/=&?"\\é';

describe("Redactor.redactText", () => {
  const redactor = redactorWith(CANARY);
  const egresses: [string, string][] = [
    ["raw in a log line", `token is ${CANARY}\n`],
    ["JSON-escaped", JSON.stringify({ api_token: CANARY })],
    ["URL-encoded", `https://example.invalid/?key=${encodeURIComponent(CANARY)}`],
    ["form-encoded", new URLSearchParams({ key: CANARY }).toString()],
    ["util.inspect of { token }", inspect({ token: CANARY })],
    ["base64, aligned", Buffer.from(CANARY).toString("base64")],
    ["base64 after 1 byte", Buffer.from(`x${CANARY}`).toString("base64")],
    ["base64 after 2 bytes", Buffer.from(`xy${CANARY}!`).toString("base64")],
    ["base64url after 1 byte", Buffer.from(`:${CANARY}:`).toString("base64url")],
    ["Authorization header", `Authorization: Basic ${Buffer.from(`user:${CANARY}`).toString("base64")}`],
  ];
  for (const [name, text] of egresses) {
    it(`scrubs the secret ${name}`, () => {
      const out = redactor.redactText(text);
      assert.ok(out.includes(SECRET_MASK), out);
      for (const form of secretForms(CANARY)) assert.ok(!out.includes(form), `${form} left in ${out}`);
    });
  }

  it("scrubs base64 and base64url at every alignment inside longer base64 text", () => {
    for (const encoding of ["base64", "base64url"] as const) {
      for (let before = 0; before < 3; before++) {
        const encoded = Buffer.concat([Buffer.alloc(before + 9, 0xfe), Buffer.from(CANARY), Buffer.alloc(7, 0xfb)]).toString(encoding);
        const out = redactor.redactText(`data:${encoded};`);
        assert.ok(out.includes(SECRET_MASK) && out.length < encoded.length, `${encoding}, ${before} bytes before: ${out}`);
      }
    }
  });

  it("scrubs each line of a multi-line secret printed on its own", () => {
    const key = "-----BEGIN TEST KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\nAQEFAASCBKcwggSjAgEAAoIB\n-----END TEST KEY-----";
    const multiLine = redactorWith(key);
    const log = key
      .split("\n")
      .map((line, i) => `[worker] ${i}: ${line}`)
      .join("\r\n");
    assert.equal(multiLine.redactText(log), [0, 1, 2, 3].map((i) => `[worker] ${i}: ${SECRET_MASK}`).join("\r\n"));
    assert.equal(multiLine.redactText(`key=${JSON.stringify(key)}`), `key="${SECRET_MASK}"`);
  });

  it("keeps the text around the secret", () => {
    assert.equal(redactor.redactText(`a ${CANARY} b ${CANARY}`), `a ${SECRET_MASK} b ${SECRET_MASK}`);
  });

  it("leaves text without secrets unchanged", () => {
    for (const text of ["", "hello", "tsc-cog-CANARY-9f8e7d6c5b4a+/=&?", "é😀\uD800 lone surrogate", "*".repeat(40)]) {
      assert.equal(redactor.redactText(text), text);
    }
  });

  it("masks overlapping secrets as one range, so no tail of either survives", () => {
    const overlapping = redactorWith("abcdefgh", "efghijkl");
    assert.equal(overlapping.redactText("<abcdefghijkl>"), `<${SECRET_MASK}>`);
    assert.equal(overlapping.redactText("<efghijklabcdefgh>"), `<${SECRET_MASK}${SECRET_MASK}>`);
  });

  it("masks repeated and nested secrets", () => {
    const nested = redactorWith("secret-outer-secret-inner", "secret-inner");
    assert.equal(nested.redactText("secret-innersecret-inner"), SECRET_MASK + SECRET_MASK);
    assert.equal(nested.redactText("x secret-outer-secret-inner y"), `x ${SECRET_MASK} y`);
    assert.equal(nested.redactText("aaaaaaa".replaceAll("a", "secret-inner,")), `${SECRET_MASK},`.repeat(7));
  });

  it("uses secrets registered after it was first used", () => {
    const later = redactorWith("first-secret");
    assert.equal(later.redactText("first-secret second-secret"), `${SECRET_MASK} second-secret`);
    later.register("second-secret", "second");
    assert.equal(later.redactText("first-secret second-secret"), `${SECRET_MASK} ${SECRET_MASK}`);
  });
});

describe("Redactor short secrets", () => {
  it("replaces a short secret only where a whole text equals it", () => {
    const redactor = redactorWith("1234", "pw");
    assert.equal(redactor.redactText("1234"), SECRET_MASK);
    assert.equal(redactor.redactText("pw"), SECRET_MASK);
    assert.equal(redactor.redactText("order 1234 shipped"), "order 1234 shipped");
    assert.equal(redactor.redactText("12345"), "12345");
    assert.equal(redactor.redactText("123"), "123");
  });

  it("warns once per label, naming the label and never the value", () => {
    const redactor = new Redactor();
    redactor.register("7391", "pin");
    redactor.register("7391", "pin");
    redactor.register("q8", "hf_token", "deployment");
    redactor.register("long-enough-secret", "api_key");
    assert.equal(redactor.warnings.length, 2);
    assert.match(redactor.warnings[0], /^secret input "pin" is shorter than 6 characters/);
    assert.match(redactor.warnings[1], /^deployment secret "hf_token" is shorter than 6 characters/);
    assert.match(redactor.warnings[0], /only an output or value exactly equal to it is replaced/);
    for (const warning of redactor.warnings) assert.ok(!warning.includes("7391") && !warning.includes("q8"), warning);
  });

  it(`counts characters, not UTF-16 units: ${MIN_STREAM_SECRET_LENGTH} emoji are long enough`, () => {
    const redactor = redactorWith("😀".repeat(MIN_STREAM_SECRET_LENGTH - 1), "😀".repeat(MIN_STREAM_SECRET_LENGTH));
    assert.equal(redactor.warnings.length, 1);
    assert.equal(redactor.redactText(`a${"😀".repeat(MIN_STREAM_SECRET_LENGTH)}b`), `a${SECRET_MASK}b`);
  });
});

describe("Redactor state", () => {
  it("counts distinct values and ignores empty ones", () => {
    const redactor = new Redactor();
    assert.equal(redactor.isEmpty, true);
    redactor.register("", "empty");
    redactor.register("some-secret", "a");
    redactor.register("some-secret", "b");
    assert.equal(redactor.size, 1);
    assert.equal(redactor.isEmpty, false);
    assert.deepEqual(redactor.warnings, []);
  });

  it("does not show any value when printed or serialised", () => {
    const redactor = redactorWith(CANARY, "1234");
    redactor.redactText(CANARY); // compiles the matchers, which hold the forms
    const shown = [inspect(redactor, { showHidden: true, depth: 10 }), JSON.stringify(redactor), String(redactor)].join("\n");
    for (const form of secretForms(CANARY)) assert.ok(!shown.includes(form), shown);
    assert.ok(!shown.includes("1234"), shown);
  });
});
