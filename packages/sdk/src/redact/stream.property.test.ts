import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { MIN_STREAM_SECRET_LENGTH, secretForms } from "./forms.js";
import { redactorWith, runStream } from "./redact.test-support.js";

/**
 * A small alphabet, so that secrets overlap, repeat and nearly match one another. It has multi-byte
 * and astral characters, the characters that encodings escape, and no `*` (a secret made of
 * asterisks would be found inside the mask itself).
 */
const ALPHABET = ["a", "b", "c", "é", "€", "😀", "+", "/", "=", '"', "\\", "\n", " ", "%"];
const char = fc.constantFrom(...ALPHABET);
const secretArb = fc.string({ unit: char, minLength: 1, maxLength: 14 });

/** Pieces of text: filler, or secret `i` as one of its forms, whole or cut short. */
const pieceArb = fc.oneof(
  fc.string({ unit: char, maxLength: 8 }).map((text) => ({ text })),
  fc.record({ secret: fc.nat(), form: fc.nat(), keep: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

const caseArb = fc
  .record({ secrets: fc.array(secretArb, { minLength: 1, maxLength: 4 }), pieces: fc.array(pieceArb, { maxLength: 12 }) })
  .map(({ secrets, pieces }) => {
    const text = pieces
      .map((piece) => {
        if ("text" in piece) return piece.text;
        const forms = secretForms(secrets[piece.secret % secrets.length]);
        const form = forms[piece.form % forms.length];
        return piece.keep > 0.3 ? form : form.slice(0, Math.ceil(form.length * piece.keep));
      })
      .join("");
    return { secrets, text };
  });

/** Cut positions as fractions of the length, so a case shrinks well. */
const cutsArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 });

function splitAt<T extends { length: number; slice(start: number, end: number): T }>(whole: T, cuts: number[]): T[] {
  const points = [...new Set(cuts.map((cut) => Math.floor(cut * whole.length)))].sort((a, b) => a - b);
  return [0, ...points].map((start, i) => whole.slice(start, points[i] ?? whole.length));
}

/** The forms a redactor promises never to let through. */
function scrubbedForms(secrets: string[]): string[] {
  return secrets
    .filter((secret) => [...secret].length >= MIN_STREAM_SECRET_LENGTH)
    .flatMap(secretForms)
    .filter((form) => [...form].length >= MIN_STREAM_SECRET_LENGTH);
}

const isWellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
const utf8 = new TextDecoder("utf-8", { fatal: true });
const RUNS = { seed: 20_240_917, numRuns: 400 };

describe("redaction under random chunking (property)", () => {
  it("redactText never lets a registered form through", () => {
    fc.assert(
      fc.property(caseArb, ({ secrets, text }) => {
        const out = redactorWith(...secrets).redactText(text);
        for (const form of scrubbedForms(secrets)) assert.ok(!out.includes(form), `${JSON.stringify(form)} in ${JSON.stringify(out)}`);
      }),
      RUNS,
    );
  });

  it("the text scrubber gives exactly redactText's output for any split, never cutting a surrogate pair", () => {
    fc.assert(
      fc.property(caseArb, cutsArb, ({ secrets, text }, cuts) => {
        const redactor = redactorWith(...secrets);
        const scrubber = redactor.createTextScrubber();
        const outputs = splitAt(text, cuts).map((piece) => scrubber.push(piece));
        outputs.push(scrubber.end());
        assert.equal(outputs.join(""), redactor.redactText(text));
        // A cut-short form may leave a lone surrogate in the input; only well-formed input must give well-formed pieces.
        if (isWellFormed(text)) for (const output of outputs) assert.ok(isWellFormed(output), JSON.stringify(output));
      }),
      RUNS,
    );
  });

  it("the byte stream gives exactly redactText's bytes for any split, even inside a character", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, cutsArb, async ({ secrets, text }, cuts) => {
        const redactor = redactorWith(...secrets);
        const out = await runStream(redactor.createStream(), splitAt(new Uint8Array(Buffer.from(text)), cuts));
        assert.deepEqual(Buffer.concat(out), Buffer.from(redactor.redactText(text)));
        for (const chunk of out) utf8.decode(chunk); // throws if a chunk cuts a character
      }),
      RUNS,
    );
  });

  it("the byte stream agrees with redactText on long texts cut into big chunks", async () => {
    const longCase = fc.record({
      base: caseArb,
      filler: fc.string({ unit: char, minLength: 50, maxLength: 400 }),
      times: fc.integer({ min: 1, max: 12 }),
    });
    await fc.assert(
      fc.asyncProperty(longCase, cutsArb, async ({ base, filler, times }, cuts) => {
        const text = Array.from({ length: times }, () => filler + base.text).join("");
        const redactor = redactorWith(...base.secrets);
        const out = await runStream(redactor.createStream(), splitAt(new Uint8Array(Buffer.from(text)), cuts));
        assert.deepEqual(Buffer.concat(out), Buffer.from(redactor.redactText(text)));
      }),
      { ...RUNS, numRuns: 150 },
    );
  });

  it("bytes that are not UTF-8 pass through unchanged under any split", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), cutsArb, async (bytes, cuts) => {
        const out = await runStream(redactorWith("never-in-random-bytes").createStream(), splitAt(bytes, cuts));
        assert.deepEqual(Buffer.concat(out), Buffer.from(bytes));
      }),
      RUNS,
    );
  });
});
