import assert from "node:assert/strict";
import { Console } from "node:console";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import util from "node:util";
import fc from "fast-check";
import { isSecret, SECRET_MASK, Secret } from "../index.js";

/** Everything a library, a log line or an error could do to turn a value into text. */
const renderings: Record<string, (s: Secret) => string> = {
  "String(s)": (s) => String(s),
  template: (s) => `${s}`,
  // biome-ignore lint/style/useTemplate: the + operator is what is tested
  's + ""': (s) => s + "",
  "s.toString()": (s) => s.toString(),
  "s.toLocaleString()": (s) => s.toLocaleString(),
  "JSON.stringify(s)": (s) => JSON.stringify(s),
  "JSON.stringify({ s })": (s) => JSON.stringify({ s }),
  "JSON.stringify([s], null, 2)": (s) => JSON.stringify([s], null, 2),
  "util.inspect(s)": (s) => util.inspect(s),
  "util.inspect({ a: [s] })": (s) => util.inspect({ a: [s] }),
  "util.inspect(s, showHidden, no customInspect)": (s) =>
    util.inspect(s, { showHidden: true, customInspect: false, getters: true, depth: Number.POSITIVE_INFINITY }),
  "util.inspect(new Map([[s, s]]))": (s) => util.inspect(new Map([[s, s]])),
  'util.format("%s %o %O %j")': (s) => util.format("%s %o %O %j", s, s, s, s),
  "util.format(s)": (s) => util.format(s),
  "console.log(s, { s })": (s) => {
    let out = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    });
    new Console({ stdout: sink, stderr: sink }).log(s, { s }, [s]);
    return out;
  },
  "Object.keys(s)": (s) => JSON.stringify(Object.keys(s)),
  "Object.entries(s)": (s) => JSON.stringify(Object.entries(s)),
  "Reflect.ownKeys(s)": (s) => util.inspect(Reflect.ownKeys(s)),
  "Object.getOwnPropertyDescriptors(s)": (s) => util.inspect(Object.getOwnPropertyDescriptors(s)),
  "{ ...s }": (s) => util.inspect({ ...s }) + JSON.stringify({ ...s }),
  "Object.assign({}, s)": (s) => util.inspect(Object.assign({}, s)),
  "structuredClone(s)": (s) => {
    try {
      const clone: unknown = structuredClone(s);
      return `${util.inspect(clone, { showHidden: true })} ${JSON.stringify(clone)}`;
    } catch (error) {
      return `threw ${(error as Error).name}: ${(error as Error).message}`;
    }
  },
  "new Error(`… ${s} …`)": (s) => {
    const error = new Error(`token ${s} was rejected`);
    // Stack frames name the caller, which differs between calls; the rest must not differ.
    const withoutFrames = (text = "") => text.replace(/^\s+at .*$/gm, "");
    return `${error.message}\n${String(error)}\n${withoutFrames(error.stack)}\n${withoutFrames(util.inspect(error))}`;
  },
  "new URLSearchParams({ s })": (s) => new URLSearchParams({ s: s as unknown as string }).toString(),
  "Buffer.from(`${s}`)": (s) => Buffer.from(`${s}`).toString("base64"),
};

/** A second value to compare against: every rendering of a Secret must be independent of its value. */
const REFERENCE = "reference-value-Ω";

const hostileValues = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('"', "'", "\\", "\n", "\r", "\t", "\u0000", "é", "😀", "*", "{", "}", "$", "`", "a"), maxLength: 20 }),
  fc.constantFrom("", "*", "**********", "Secret", "Secret(**********)", "hunter2", '"quoted"', "back\\slash", "line1\nline2", "ünïcødé"),
);

describe("Secret never shows its value", () => {
  it("renders every value identically to any other value (so nothing of it, not even its length, shows)", () => {
    const reference = new Secret(REFERENCE);
    const expected = Object.fromEntries(Object.entries(renderings).map(([name, render]) => [name, render(reference)]));
    for (const [name, text] of Object.entries(expected)) {
      assert.ok(!text.includes(REFERENCE), `${name} reveals the reference value: ${text}`);
    }
    fc.assert(
      fc.property(hostileValues, (value) => {
        fc.pre(value !== REFERENCE);
        const secret = new Secret(value);
        for (const [name, render] of Object.entries(renderings)) {
          const text = render(secret);
          assert.equal(text, expected[name], `${name} of ${JSON.stringify(value)} differs from the rendering of another value`);
          if (value.length > 0 && !expected[name].includes(value)) {
            assert.ok(!text.includes(value), `${name} reveals ${JSON.stringify(value)}`);
          }
        }
      }),
      { seed: 20260421, numRuns: 300, includeErrorInReport: true },
    );
  });

  it("gives the value back only through getSecretValue() and get_secret_value()", () => {
    fc.assert(
      fc.property(hostileValues, (value) => {
        const secret = new Secret(value);
        assert.equal(secret.getSecretValue(), value);
        assert.equal(secret.get_secret_value(), value);
      }),
      { seed: 7, numRuns: 200, includeErrorInReport: true },
    );
  });

  it("shows the same constant mask for every value, empty or not", () => {
    for (const value of ["", "a", "a much longer secret value than the mask itself", SECRET_MASK]) {
      const secret = new Secret(value);
      assert.equal(String(secret), SECRET_MASK);
      assert.equal(JSON.stringify(secret), `"${SECRET_MASK}"`);
      assert.equal(util.inspect(secret), `Secret(${SECRET_MASK})`);
    }
    assert.equal(SECRET_MASK, "**********");
  });

  it("has no length and no enumerable or own data", () => {
    const secret = new Secret("hunter2");
    assert.equal((secret as unknown as { length?: unknown }).length, undefined);
    assert.deepEqual(Reflect.ownKeys(secret), []);
    assert.ok(Object.isFrozen(secret));
    assert.throws(() => {
      (secret as unknown as Record<string, unknown>).leak = "x";
    }, TypeError);
  });

  it("rejects a non-string value without printing it", () => {
    for (const value of [12345678, null, undefined, { token: "hunter2" }]) {
      assert.throws(
        () => new Secret(value as unknown as string),
        (error: Error) => error instanceof TypeError && !error.message.includes("12345678") && !error.message.includes("hunter2"),
      );
    }
  });
});

describe("Secret.equals", () => {
  const cases: { a: string; b: string; equal: boolean }[] = [
    { a: "hunter2", b: "hunter2", equal: true },
    { a: "", b: "", equal: true },
    { a: "hunter2", b: "hunter3", equal: false },
    { a: "hunter2", b: "hunter22", equal: false },
    { a: "hunter2", b: "", equal: false },
    { a: "é", b: "e\u0301", equal: false },
    { a: SECRET_MASK, b: SECRET_MASK, equal: true },
  ];
  for (const { a, b, equal } of cases) {
    it(`${JSON.stringify(a)} ${equal ? "equals" : "differs from"} ${JSON.stringify(b)}, as a Secret and as a string`, () => {
      assert.equal(new Secret(a).equals(new Secret(b)), equal);
      assert.equal(new Secret(a).equals(b), equal);
      assert.equal(new Secret(b).equals(a), equal);
    });
  }

  it("agrees with === on random values", () => {
    fc.assert(
      fc.property(hostileValues, hostileValues, (a, b) => {
        assert.equal(new Secret(a).equals(new Secret(b)), a === b);
        assert.equal(new Secret(a).equals(a), true);
      }),
      { seed: 99, numRuns: 200, includeErrorInReport: true },
    );
  });

  it("is not fooled by the mask: a secret does not equal its own rendering", () => {
    const secret = new Secret("hunter2");
    assert.equal(secret.equals(String(secret)), false);
  });
});

describe("isSecret", () => {
  it("recognises Secrets, also one branded by another SDK copy, and nothing else", () => {
    assert.equal(isSecret(new Secret("x")), true);
    const otherCopy = Object.create({ [Symbol.for("tsc-cog.secret")]: true }) as object;
    assert.equal(isSecret(otherCopy), true);
    for (const value of ["x", SECRET_MASK, null, undefined, {}, 5, { getSecretValue: () => "x" }]) {
      assert.equal(isSecret(value), false, `isSecret(${util.inspect(value)})`);
    }
  });
});
