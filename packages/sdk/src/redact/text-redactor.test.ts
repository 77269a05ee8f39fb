import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SECRET_MASK } from "../secret/secret.js";
import { redactorWith } from "./redact.test-support.js";
import type { TextRedactor } from "./text-redactor.js";

const CANARY = 'tsc-cog-CANARY-9f8e7d6c5b4a+/=&?"\\é';

function scrubberFor(...secrets: string[]): TextRedactor {
  return redactorWith(...secrets).createTextScrubber();
}

describe("TextRedactor (generator chunks)", () => {
  it("masks a secret split across chunks, releasing what cannot be part of it", () => {
    const scrubber = scrubberFor(CANARY);
    assert.equal(scrubber.push("Hello, "), "Hello, ");
    assert.equal(scrubber.push(`your key is ${CANARY.slice(0, 10)}`), "your key is ");
    assert.equal(scrubber.push(`${CANARY.slice(10)}!`), `${SECRET_MASK}!`);
    assert.equal(scrubber.end(), "");
  });

  it("releases a held-back start that turns out not to be a secret at the end", () => {
    const scrubber = scrubberFor(CANARY);
    assert.equal(scrubber.push("almost tsc-cog-"), "almost ");
    assert.equal(scrubber.end(), "tsc-cog-");
  });

  it("never cuts a surrogate pair in two across outputs", () => {
    const scrubber = scrubberFor(CANARY);
    const emoji = "😀";
    assert.equal(scrubber.push(`a${emoji[0]}`), "a");
    assert.equal(scrubber.push(`${emoji[1]}b`), `${emoji}b`);
    assert.equal(scrubber.end(), "");
  });

  it("keeps lone surrogates as they are", () => {
    const scrubber = scrubberFor(CANARY);
    const out = scrubber.push("x\uDC00y\uD800") + scrubber.end();
    assert.equal(out, "x\uDC00y\uD800");
  });

  it("masks a short secret only when all chunks together are exactly it", () => {
    const whole = scrubberFor("pin1");
    assert.equal(whole.push("pi"), "");
    assert.equal(whole.push("n1"), "");
    assert.equal(whole.end(), SECRET_MASK);
    const longer = scrubberFor("pin1");
    assert.equal(longer.push("pin1") + longer.push(" ok") + longer.end(), "pin1 ok");
  });

  it("does not release the tail of a masked secret that may start another one", () => {
    const scrubber = scrubberFor("abcdefgh", "efghijklmn");
    assert.equal(scrubber.push("<abcdefgh"), `<${SECRET_MASK}`);
    assert.equal(scrubber.push("xyz>") + scrubber.end(), "xyz>");
  });
});
