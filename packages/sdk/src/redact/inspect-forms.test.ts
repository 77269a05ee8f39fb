import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { format, type InspectOptions, inspect } from "node:util";
import fc from "fast-check";
import { MIN_STREAM_SECRET_LENGTH, secretForms } from "./forms.js";
import { redactorWith } from "./redact.test-support.js";

/**
 * How util.inspect writes one UTF-16 code unit inside a quoted string, by Node's rules (20, 22, 24):
 * a backslash is doubled; a single quote becomes `\'` only when the literal is single-quoted (inspect
 * falls back to that when the string holds ', " and ` or `${`, and always does it for the description
 * of a Symbol key); \b \t \n \f \r keep their short escapes; other C0 controls, DEL and the C1 controls
 * become `\xHH` (upper-case hex); a lone surrogate becomes `\uhhhh`. Written from the documented
 * behaviour as an oracle independent of forms.ts, which asks util.inspect itself.
 */
function inspectEscape(text: string, escapeSingleQuote: boolean): string {
  const short: Record<number, string> = { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r" };
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) out += "\\\\";
    else if (code === 0x27) out += escapeSingleQuote ? "\\'" : "'";
    else if (short[code] !== undefined) out += short[code];
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`;
    else if (code >= 0xd800 && code <= 0xdfff) {
      const pair = code <= 0xdbff ? text.charCodeAt(i + 1) : text.charCodeAt(i - 1);
      const paired = code <= 0xdbff ? pair >= 0xdc00 && pair <= 0xdfff : pair >= 0xd800 && pair <= 0xdbff;
      if (paired) out += text[i];
      else out += `\\u${code.toString(16)}`;
    } else out += text[i];
  }
  return out;
}

/** What must never appear: the text raw and in both of inspect's escapings. */
function renderings(text: string): string[] {
  return [...new Set([text, inspectEscape(text, false), inspectEscape(text, true)])];
}

/** The lines of a multi-line secret that are scrubbed on their own (inspect prints one quoted piece per line). */
function scrubbedLines(secret: string): string[] {
  const lines = secret.split(/\r\n|\r|\n/);
  if (lines.length < 2) return [];
  return lines.flatMap((line) => [line, line.trim()]).filter((line) => [...line].length >= MIN_STREAM_SECRET_LENGTH);
}

const QUOTES = ["'", '"', "`", "\\", "$", "{"];
const CONTROLS = ["\n", "\t", "\b", "\f", "\r", "\v", "\0", "\x01", "\x1b", "\x7f", "\x85", "\x9f"];
const OTHERS = ["a", "b", "Z", "0", "-", " ", "}", "\xa0", "é", "€", "😀", "\u2028"];
/** No `*`: a secret of asterisks would be found inside the mask itself. */
const secretChar = fc.oneof(
  { arbitrary: fc.constantFrom(...QUOTES), weight: 3 },
  { arbitrary: fc.constantFrom(...CONTROLS), weight: 1 },
  { arbitrary: fc.constantFrom(...OTHERS), weight: 3 },
);
const secretArb = fc.string({ unit: secretChar, minLength: MIN_STREAM_SECRET_LENGTH, maxLength: 24 });
/** Text around the secret and in sibling strings: it decides which quote inspect picks. */
const contextArb = fc.string({ unit: fc.constantFrom("x", " ", "'", '"', "`", "$", "{", "\\", "\n", "é"), maxLength: 12 });

type Wrap = (inner: unknown, sibling: string) => unknown;
const WRAPS: Record<string, Wrap> = {
  "object value": (x) => ({ token: x }),
  "object key": (x) => (typeof x === "string" ? { [x]: 1 } : { nested: x }),
  "Symbol key": (x) => (typeof x === "string" ? { [Symbol(x)]: 1 } : { nested: x }),
  array: (x, sibling) => [sibling, x],
  "Map key": (x, sibling) => new Map<unknown, unknown>([[x, sibling]]),
  "Map value": (x, sibling) => new Map([[sibling, x]]),
  Set: (x, sibling) => new Set([sibling, x]),
  "Error property": (x) => Object.assign(new Error("request failed"), { detail: x }),
  "Error message": (x) => (typeof x === "string" ? new Error(x) : Object.assign(new Error("boom"), { detail: x })),
};

const OPTIONS: InspectOptions[] = [
  {},
  { compact: false },
  { breakLength: Infinity },
  { colors: true },
  { depth: Infinity, breakLength: 40 },
];
type Render = (value: unknown, options: InspectOptions) => string;
const RENDERS: Record<string, Render> = {
  "util.inspect": (value, options) => inspect(value, options),
  "console.log": (value) => format(value),
  "format %o": (value) => format("%o", value),
};

const caseArb = fc.record({
  secret: secretArb,
  before: contextArb,
  after: contextArb,
  wraps: fc.array(fc.record({ kind: fc.constantFrom(...Object.keys(WRAPS)), sibling: contextArb }), { maxLength: 4 }),
  options: fc.constantFrom(...OPTIONS),
  render: fc.constantFrom(...Object.keys(RENDERS)),
});

describe("util.inspect renderings of a secret (property)", () => {
  it("redactText of whatever util.inspect prints around a secret never shows the secret raw or inspect-escaped", () => {
    fc.assert(
      fc.property(caseArb, ({ secret, before, after, wraps, options, render }) => {
        let value: unknown = `${before}${secret}${after}`;
        for (const { kind, sibling } of wraps) value = WRAPS[kind](value, sibling);
        const printed = RENDERS[render](value, options);
        const out = redactorWith(secret).redactText(printed);
        for (const text of [secret, ...scrubbedLines(secret)]) {
          for (const rendering of renderings(text)) {
            assert.ok(!out.includes(rendering), `${JSON.stringify(rendering)} leaks in ${JSON.stringify(out)}`);
          }
        }
      }),
      { seed: 11_2025, numRuns: 200 },
    );
  });
});

describe("util.inspect forms", () => {
  const token = `tok'en"with\`all\\three`;

  it("catches console.log({ token }) when the token holds all three quote kinds and inspect escapes its single quote", () => {
    const printed = inspect({ token });
    assert.ok(printed.includes(inspectEscape(token, true)), printed);
    assert.equal(redactorWith(token).redactText(printed), "{ token: '**********' }");
  });

  it("catches a token with only single quotes both when inspect double-quotes it and when a Symbol key escapes them", () => {
    const secret = "it's-a-secret";
    const redactor = redactorWith(secret);
    assert.equal(redactor.redactText(inspect({ secret })), '{ secret: "**********" }');
    assert.equal(redactor.redactText(inspect({ note: `${secret} "\`` })), `{ note: '********** "\`' }`);
    assert.ok(!redactor.redactText(inspect({ [Symbol(secret)]: 1 })).includes("secret"));
  });

  it("catches a token with single and double quotes when inspect falls back to backticks, or to escaping after ${", () => {
    const secret = `a'b"c-secret`;
    const redactor = redactorWith(secret);
    assert.equal(redactor.redactText(inspect([secret])), "[ `**********` ]");
    assert.equal(redactor.redactText(inspect([`${secret} \${x}`])), `[ '********** \${x}' ]`);
  });

  it("catches control characters, DEL, C1 controls and backslashes as inspect escapes them", () => {
    const secret = "s3cr\x00t\b\t\n\v\f\r\x1b\x7f\x85\\end";
    const printed = inspect(new Map([["k", new Set([secret])]]));
    assert.ok(printed.includes(inspectEscape(secret, false)), printed);
    assert.equal(redactorWith(secret).redactText(printed), "Map(1) { 'k' => Set(1) { '**********' } }");
  });

  it("catches a secret in a string far longer than the secret, whichever escaping path inspect takes", () => {
    const secret = `lo'ng"\`-secret\\\n`;
    for (const fill of [10, 150, 6000]) {
      const printed = inspect(`${"y".repeat(fill)}${secret}'"\``, { breakLength: Infinity });
      assert.ok(!redactorWith(secret).redactText(printed).includes("secret"), `filler of ${fill}`);
    }
  });

  it("adds an inspect form only for a secret that needs one, so plain tokens keep their form count", () => {
    const plain = "tsc-cog-CANARY-plain-token-012345";
    const forms = secretForms(plain);
    assert.equal(new Set(forms).size, forms.length);
    assert.equal(forms.length, 4, forms.join("\n"));
    const quoted = secretForms(`abc'def"ghi`);
    assert.ok(quoted.includes(`abc\\'def"ghi`) && quoted.includes(`abc'def"ghi`), quoted.join("\n"));
  });
});
