import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspect } from "node:util";
import { MIN_STREAM_SECRET_LENGTH, secretForms } from "./forms.js";

const CANARY = 'tsc-cog-CANARY-9f8e7d6c5b4a+/=&?"\\é';

/** Whether some form of `secret` occurs in `text`. */
function caught(secret: string, text: string): boolean {
  return secretForms(secret).some((form) => text.includes(form));
}

describe("secretForms", () => {
  const renderings: [string, (secret: string) => string][] = [
    ["the raw value", (s) => `token=${s};`],
    ["JSON.stringify of an object", (s) => JSON.stringify({ token: s })],
    ["encodeURIComponent in a query string", (s) => `https://x.invalid/?key=${encodeURIComponent(s)}&a=1`],
    ["URLSearchParams", (s) => new URLSearchParams({ key: s, a: "b c" }).toString()],
    ["util.inspect of { token }", (s) => inspect({ token: s })],
    ["util.inspect of the string", (s) => inspect(s)],
  ];
  for (const [name, render] of renderings) {
    it(`covers ${name}`, () => {
      for (const secret of [CANARY, "pass word (x)!~'", "plain-secret-value"]) {
        assert.ok(caught(secret, render(secret)), `${name} of ${JSON.stringify(secret)}: ${render(secret)}`);
      }
    });
  }

  it("covers base64 and base64url inside longer base64 text, at every byte alignment", () => {
    for (const secret of [CANARY, "abcdef", "éééééé", "😀 emoji secret"]) {
      for (let before = 0; before < 6; before++) {
        for (let after = 0; after < 4; after++) {
          const bytes = Buffer.concat([Buffer.alloc(before, 0xa7), Buffer.from(secret), Buffer.alloc(after, 0x5c)]);
          for (const encoding of ["base64", "base64url"] as const) {
            assert.ok(caught(secret, bytes.toString(encoding)), `${encoding} with ${before} bytes before, ${after} after`);
          }
        }
      }
    }
  });

  it("covers each line of a multi-line secret, raw and as util.inspect splits it", () => {
    const key = `-----BEGIN KEY-----\r\nAAAA'BBBBCCCC\nDDDD\\EEEE\n  FFFFGGGG  \nxy`;
    const forms = secretForms(key);
    for (const line of ["-----BEGIN KEY-----", "AAAA'BBBBCCCC", "DDDD\\EEEE", "FFFFGGGG", "  FFFFGGGG  "]) {
      assert.ok(forms.includes(line), line);
    }
    assert.ok(!forms.includes("xy"), "lines shorter than the minimum are not forms");
    const printed = inspect({ key }, { breakLength: 40 });
    assert.ok(printed.includes("' +\n"), "inspect splits the value into one quoted piece per line");
    const pieces = printed.split("\n").filter((line) => line.includes("EEEE"));
    assert.ok(pieces.length === 1 && caught(key, pieces[0]), pieces[0]);
  });

  it("lists every form once, longest first, without the empty string", () => {
    const forms = secretForms(CANARY);
    assert.equal(new Set(forms).size, forms.length);
    assert.deepEqual(
      forms.map((form) => form.length),
      forms.map((form) => form.length).sort((a, b) => b - a),
    );
    assert.ok(forms.includes(CANARY));
    assert.ok(forms.includes('tsc-cog-CANARY-9f8e7d6c5b4a+/=&?\\"\\\\é'), "JSON body");
    assert.ok(forms.includes("tsc-cog-CANARY-9f8e7d6c5b4a%2B%2F%3D%26%3F%22%5C%C3%A9"), "URL-encoded");
    assert.ok(forms.includes('tsc-cog-CANARY-9f8e7d6c5b4a+/=&?"\\\\é'), "util.inspect body");
    assert.ok(!secretForms("a").includes(""));
  });

  it("gives forms no shorter than the minimum for a secret of the minimum length", () => {
    const forms = secretForms("x".repeat(MIN_STREAM_SECRET_LENGTH));
    assert.ok(
      forms.every((form) => form.length >= MIN_STREAM_SECRET_LENGTH),
      forms.join(" "),
    );
  });
});
