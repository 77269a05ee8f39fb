import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { SECRET_MASK } from "../secret/secret.js";
import { redactorWith } from "./redact.test-support.js";

/** Like the stream property test's: secrets overlap and nearly match; short, long and multi-line ones. */
const ALPHABET = ["a", "b", "c", "é", "😀", '"', "\\", "\n", " "];
const text = (max: number) => fc.array(fc.constantFrom(...ALPHABET), { maxLength: max }).map((units) => units.join(""));

/** `redactText` as the text scrubber computes it, without its quick exit for texts shorter than every form. */
function scrubbedInFull(redactor: ReturnType<typeof redactorWith>, input: string): string {
  const scrubber = redactor.createTextScrubber();
  return scrubber.push(input) + scrubber.end();
}

describe("Redactor.redactText's quick exit for texts shorter than every form", () => {
  it("gives what scrubbing in full gives, for every text and set of secrets", () => {
    fc.assert(
      fc.property(fc.array(text(12), { minLength: 1, maxLength: 3 }), fc.array(text(16), { maxLength: 8 }), (secrets, texts) => {
        const redactor = redactorWith(...secrets);
        // Texts that are the secrets, their pieces, and unrelated text, short and long.
        const inputs = [...texts, ...secrets, ...secrets.map((secret) => secret.slice(1)), ...secrets.map((s) => `${s}${s}`)];
        for (const input of inputs) assert.equal(redactor.redactText(input), scrubbedInFull(redactor, input), JSON.stringify(input));
      }),
      { numRuns: 300 },
    );
  });

  it("masks a text equal to a short secret, and leaves shorter texts that merely contain one", () => {
    const redactor = redactorWith("pin42", "a-long-secret-value");
    assert.equal(redactor.redactText("pin42"), SECRET_MASK);
    assert.equal(redactor.redactText("pin4"), "pin4");
    assert.equal(redactor.redactText("x pin42"), "x pin42");
    assert.equal(redactor.redactText("a-long-secret-value"), SECRET_MASK);
    assert.equal(redactor.redactText("a-long-secret-valu"), "a-long-secret-valu");
  });

  it("sees secrets registered after a first use", () => {
    const redactor = redactorWith("a-long-secret-value");
    assert.equal(redactor.redactText("short1"), "short1");
    redactor.register("short1", "later");
    assert.equal(redactor.redactText("short1"), SECRET_MASK);
    redactor.register("another-secret", "later");
    assert.equal(redactor.redactText("another-secret"), SECRET_MASK);
  });
});
