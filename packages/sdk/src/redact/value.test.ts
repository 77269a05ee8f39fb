import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspect, isDeepStrictEqual } from "node:util";
import { Path } from "../path/path.js";
import { SECRET_MASK, Secret } from "../secret/secret.js";
import { secretForms } from "./forms.js";
import { redactorWith } from "./redact.test-support.js";
import { Redactor } from "./redactor.js";

const CANARY = 'tsc-cog-CANARY-9f8e7d6c5b4a+/=&?"\\é';
const redactor = redactorWith(CANARY, "7391");

/** Everything a value could show when printed or serialised, all at once. */
function shown(value: unknown): string {
  return `${inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true })}\n${JSON.stringify(value, (_key, v) => (v instanceof Map || v instanceof Set ? [...v] : v))}`;
}

function assertNoLeak(value: unknown): void {
  const text = shown(value);
  for (const form of secretForms(CANARY)) assert.ok(!text.includes(form), `${form} in ${text}`);
}

describe("Redactor.redactValue", () => {
  it("scrubs object keys and values, nested in arrays and objects", () => {
    const value = { [`key-${CANARY}`]: [CANARY, { header: `Bearer ${CANARY}`, n: 1 }], plain: "ok" };
    const out = redactor.redactValue(value);
    assert.deepEqual(out, { [`key-${SECRET_MASK}`]: [SECRET_MASK, { header: `Bearer ${SECRET_MASK}`, n: 1 }], plain: "ok" });
  });

  it("does not modify its input, frozen or not", () => {
    const value = Object.freeze({ list: Object.freeze([CANARY, { deep: CANARY }]), [CANARY]: true });
    const before = structuredClone(value);
    const out = redactor.redactValue(value);
    assert.ok(isDeepStrictEqual(value, before));
    assert.notEqual(out, value);
    assertNoLeak(out);
  });

  it("turns Secret instances into the mask", () => {
    const out = redactor.redactValue({ token: new Secret(CANARY), list: [new Secret("x")] });
    assert.deepEqual(out, { token: SECRET_MASK, list: [SECRET_MASK] });
  });

  it("scrubs Errors: message, stack and cause chain, keeping their class and own fields", () => {
    const cause = Object.assign(new RangeError(`inner ${CANARY}`), { code: `E_${CANARY}` });
    const error = new TypeError(`upstream rejected token ${CANARY}`, { cause });
    const out = redactor.redactValue(error);
    assert.ok(out instanceof TypeError);
    assert.notEqual(out, error);
    assert.equal(out.message, `upstream rejected token ${SECRET_MASK}`);
    assert.match(String(out.stack), /^TypeError: upstream rejected token \*{10}\n\s+at /);
    assert.ok(out.cause instanceof RangeError);
    assert.equal((out.cause as RangeError & { code: string }).code, `E_${SECRET_MASK}`);
    assert.equal(error.message, `upstream rejected token ${CANARY}`, "the original error is untouched");
    assertNoLeak(out);
    assert.match(inspect(out), /\[cause\]: RangeError: inner \*{10}/);
  });

  it("copies cycles as cycles, also through an error's cause", () => {
    const value: Record<string, unknown> = { token: CANARY };
    value.self = value;
    const error = new Error(CANARY);
    error.cause = error;
    value.error = error;
    const out = redactor.redactValue(value);
    assert.equal(out.self, out);
    assert.equal((out.error as Error).cause, out.error);
    assert.equal(out.token, SECRET_MASK);
  });

  it("scrubs Maps, Sets, Buffers, Uint8Arrays, URLs and boxed strings, and copies Dates", () => {
    const date = new Date(0);
    const out = redactor.redactValue({
      map: new Map([[CANARY, CANARY]]),
      set: new Set([CANARY, "ok"]),
      buffer: Buffer.from(`b=${CANARY}`),
      bytes: new Uint8Array(Buffer.from(`u=${CANARY}`)),
      url: new URL(`https://example.invalid/p?key=${encodeURIComponent(CANARY)}`),
      boxed: new String(CANARY),
      date,
    });
    assert.deepEqual([...out.map], [[SECRET_MASK, SECRET_MASK]]);
    assert.deepEqual([...out.set], [SECRET_MASK, "ok"]);
    assert.ok(Buffer.isBuffer(out.buffer) && out.buffer.toString() === `b=${SECRET_MASK}`);
    assert.ok(!Buffer.isBuffer(out.bytes) && Buffer.from(out.bytes).toString() === `u=${SECRET_MASK}`);
    assert.equal(String(out.url), `https://example.invalid/p?key=${SECRET_MASK}`);
    assert.equal(out.boxed, SECRET_MASK);
    assert.ok(out.date instanceof Date && out.date.getTime() === 0 && out.date !== date);
    assertNoLeak(out);
  });

  it("keeps class instances' prototypes, such as a returned Path", () => {
    const out = redactor.redactValue({ file: new Path(`/tmp/${CANARY}.txt`), ok: new Path("/tmp/out.png") });
    assert.ok(out.ok instanceof Path && out.ok.path === "/tmp/out.png" && out.ok.ext === ".png");
    assert.ok(out.file instanceof Path && out.file.path === `/tmp/${SECRET_MASK}.txt`);
  });

  it("replaces short secrets only as whole values, and numbers that are a secret", () => {
    const out = redactor.redactValue({ pin: "7391", note: "pin 7391 used", n: 7391, other: 42, big: 7391n });
    assert.deepEqual(out, { pin: SECRET_MASK, note: "pin 7391 used", n: SECRET_MASK, other: 42, big: SECRET_MASK });
  });

  it("keeps a __proto__ key as a plain key", () => {
    const value = JSON.parse(`{"__proto__": {"polluted": "${CANARY.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"}}`) as object;
    const out = redactor.redactValue(value);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(out, "__proto__")?.value, { polluted: SECRET_MASK });
  });

  it("returns primitives without secrets as they are", () => {
    for (const value of [undefined, null, true, 0, 1.5, "text", Symbol.for("s")]) assert.equal(redactor.redactValue(value), value);
  });
});

describe("Redactor.redactJson", () => {
  it("is JSON.stringify with nothing registered", () => {
    const value = { a: [1, "x"], b: { c: null } };
    assert.equal(new Redactor().redactJson(value), JSON.stringify(value));
    assert.equal(new Redactor().redactJson(value, 2), JSON.stringify(value, null, 2));
  });

  it("scrubs values, keys, a number that is a secret, and a secret that spans JSON syntax", () => {
    const redactor = new Redactor();
    redactor.register("tsc-cog-CANARY-json-1", "a");
    redactor.register("314159265358", "n");
    redactor.register('tsc-cog-CANARY "quoted"', "q");
    const json = redactor.redactJson({ "tsc-cog-CANARY-json-1": 314159265358, text: 'x tsc-cog-CANARY "quoted" y' }, 2);
    assert.ok(!json.includes("CANARY-json-1") && !json.includes("314159265358") && !json.includes("quoted"), json);
    assert.deepEqual(JSON.parse(json), { "**********": "**********", text: "x ********** y" });
  });
});
