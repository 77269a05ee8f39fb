import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IsEmail, MaxLength } from "class-validator";
import { describePredictor, unknownInputsIssue, validateInputs } from "../engine.js";
import { BasePredictor, Input, type InputIssue, Inputs, InputValidationError, Int, isSecret, Path, Secret, SecretInput } from "../index.js";

class TwoInputs extends BasePredictor {
  async predict(@Input() b: string, @Input() a: string): Promise<string> {
    return a + b;
  }
}

class NoInputs extends BasePredictor {
  async predict(): Promise<string> {
    return "";
  }
}

class Constrained extends BasePredictor {
  async predict(
    @Input({ description: "The prompt" }) prompt: string,
    @Input({ type: Int, default: 1, ge: 1, le: 5 }) count: number,
    @Input({ choices: ["fast", "slow"], default: "fast" }) mode: string,
    @Input({ default: 1, ge: 1 }) steps: number,
    @Input({ default: "abc", minLength: 3, maxLength: 10, regex: "^a" }) word: string,
    @Input({ type: [String], default: [] }) tags: string[],
    @Input({ type: [Int], default: [1, 2], ge: 0 }) sizes: number[],
    @Input({ type: Number, nullable: true }) seed: number | null,
    @Input({ type: String, default: null }) note: string | null,
    @Input({ default: false }) flag: boolean,
    @Input({ type: Object, default: { depth: 1 } }) options: object,
    @Input({ type: Path, nullable: true }) image: Path | null,
    @Input({ type: Int, choices: [1, 2, 4], default: 1 }) scale: number,
  ): Promise<unknown> {
    return [prompt, count, mode, steps, word, tags, sizes, seed, note, flag, options, image, scale];
  }
}

class WithSecrets extends BasePredictor {
  async predict(
    @SecretInput({ minLength: 8, maxLength: 20, regex: "^sk-" }) token: Secret,
    @SecretInput({ type: [Secret], default: null, minLength: 4 }) keys: Secret[] | null,
    @SecretInput({ default: null }) optional: Secret | null,
  ): Promise<unknown> {
    return [token, keys, optional];
  }
}

class ContactInput {
  @Input({ description: "Where to write" })
  @IsEmail()
  email!: string;

  @Input({ name: "display_name", default: "anonymous" })
  @MaxLength(12, { message: "display name is too long" })
  displayName!: string;

  @SecretInput()
  token!: Secret;
}

class ContactPredictor extends BasePredictor {
  async predict(@Inputs() input: ContactInput): Promise<string> {
    return input.email;
  }
}

type Given = Record<string, unknown>;

function issuesOf(predictor: abstract new () => object, given: Given): string[] {
  const result = validateInputs(describePredictor(predictor), given);
  assert.equal(result.ok, false, "expected validation to fail");
  return (result as { issues: readonly InputIssue[] }).issues.map((i) => i.message);
}

function valuesOf(predictor: abstract new () => object, given: Given): Readonly<Record<string, unknown>> {
  const result = validateInputs(describePredictor(predictor), given);
  if (!result.ok) assert.fail(`expected validation to pass, got ${JSON.stringify(result.issues)}`);
  return result.values;
}

const prompt = { prompt: "hi" };

const rejected: { name: string; predictor: abstract new () => object; given: Given; messages: string[] }[] = [
  {
    name: "an unknown name",
    predictor: TwoInputs,
    given: { a: "1", b: "2", nope: "3" },
    messages: ['unknown input "nope"; valid inputs are: a, b'],
  },
  {
    name: "several unknown names, with the valid ones sorted",
    predictor: TwoInputs,
    given: { x: "1", y: "2", a: "1", b: "2" },
    messages: ['unknown inputs "x", "y"; valid inputs are: a, b'],
  },
  {
    name: "any name, for a model without inputs",
    predictor: NoInputs,
    given: { nope: "1" },
    messages: ['unknown input "nope"; model does not accept inputs'],
  },
  { name: "a missing required input", predictor: Constrained, given: {}, messages: ['missing required input "prompt"'] },
  {
    name: "a string for an integer",
    predictor: Constrained,
    given: { ...prompt, count: "5" },
    messages: ['invalid input "count": expected integer, got string'],
  },
  {
    name: "a fraction for an integer",
    predictor: Constrained,
    given: { ...prompt, count: 2.5 },
    messages: ['invalid input "count": expected integer, got number'],
  },
  {
    name: "a string for a boolean",
    predictor: Constrained,
    given: { ...prompt, flag: "True" },
    messages: ['invalid input "flag": expected boolean, got string'],
  },
  {
    name: "an array for an object",
    predictor: Constrained,
    given: { ...prompt, options: [1] },
    messages: ['invalid input "options": expected object, got array'],
  },
  {
    name: "a string for a list",
    predictor: Constrained,
    given: { ...prompt, tags: "a" },
    messages: ['invalid input "tags": expected array, got string'],
  },
  {
    name: "a wrong item in a list",
    predictor: Constrained,
    given: { ...prompt, sizes: [1, "2"] },
    messages: ['invalid input "sizes": item 1: expected integer, got string'],
  },
  {
    name: "a value outside the choices",
    predictor: Constrained,
    given: { ...prompt, mode: "medium" },
    messages: ['invalid input "mode": must be one of: fast, slow'],
  },
  {
    name: "an integer outside its choices",
    predictor: Constrained,
    given: { ...prompt, scale: 3 },
    messages: ['invalid input "scale": must be one of: 1, 2, 4'],
  },
  {
    name: "a number below ge",
    predictor: Constrained,
    given: { ...prompt, steps: 0 },
    messages: ['invalid input "steps": number must be at least 1'],
  },
  {
    name: "a number above le",
    predictor: Constrained,
    given: { ...prompt, count: 6 },
    messages: ['invalid input "count": number must be at most 5'],
  },
  {
    name: "a list item below ge",
    predictor: Constrained,
    given: { ...prompt, sizes: [1, -1] },
    messages: ['invalid input "sizes": number must be at least 0'],
  },
  {
    name: "a string shorter than minLength",
    predictor: Constrained,
    given: { ...prompt, word: "ab" },
    messages: ['invalid input "word": minimum string length is 3'],
  },
  {
    name: "a string longer than maxLength",
    predictor: Constrained,
    given: { ...prompt, word: "abcdefghijk" },
    messages: ['invalid input "word": maximum string length is 10'],
  },
  {
    name: "a string not matching the regex",
    predictor: Constrained,
    given: { ...prompt, word: "bcd" },
    messages: ['invalid input "word": string doesn\'t match the regular expression "^a"'],
  },
  {
    name: "lengths counted in characters, not UTF-16 units",
    predictor: Constrained,
    given: { ...prompt, word: "a😀" },
    messages: ['invalid input "word": minimum string length is 3'],
  },
  {
    name: "an explicit null for an input with a default",
    predictor: Constrained,
    given: { ...prompt, count: null },
    messages: ['invalid input "count": must not be null (omit the input to use its default)'],
  },
  {
    name: "an explicit null for a required input",
    predictor: Constrained,
    given: { prompt: null },
    messages: ['invalid input "prompt": must not be null (omit the input to use its default)'],
  },
  {
    name: "several problems, all of them, unknown names first and then in input order",
    predictor: Constrained,
    given: { zzz: 1, mode: "medium", count: "x", word: "b" },
    messages: [
      'unknown input "zzz"; valid inputs are: count, flag, image, mode, note, options, prompt, scale, seed, sizes, steps, tags, word',
      'missing required input "prompt"',
      'invalid input "count": expected integer, got string',
      'invalid input "mode": must be one of: fast, slow',
      'invalid input "word": minimum string length is 3',
      'invalid input "word": string doesn\'t match the regular expression "^a"',
    ],
  },
];

describe("validateInputs rejects bad inputs with Cog 0.22's messages", () => {
  for (const { name, predictor, given, messages } of rejected) {
    it(`reports ${name}`, () => {
      assert.deepEqual(issuesOf(predictor, given), messages);
    });
  }

  it("renders one issue as itself and several as a list", () => {
    const one = issuesOf(Constrained, {});
    const several = issuesOf(Constrained, { mode: "medium", steps: 0 });
    const issue = (message: string): InputIssue => ({ code: "custom", input: "x", detail: message, message });
    assert.equal(new InputValidationError(one.map(issue)).message, 'missing required input "prompt"');
    assert.equal(
      new InputValidationError(several.map(issue)).message,
      'input validation failed:\n- missing required input "prompt"\n- invalid input "mode": must be one of: fast, slow\n- invalid input "steps": number must be at least 1',
    );
    const error = new InputValidationError(several.map(issue));
    assert.ok(error instanceof Error);
    assert.equal(error.name, "InputValidationError");
    assert.equal(error.issues.length, 3);
  });

  it("gives each issue a code and the input's name", () => {
    const result = validateInputs(describePredictor(Constrained), { nope: 1, count: "x", mode: "medium", steps: 0, word: "abcdefghijkl" });
    assert.equal(result.ok, false);
    const codes = (result as { issues: readonly InputIssue[] }).issues.map(({ code, input }) => [code, input]);
    assert.deepEqual(codes, [
      ["unknown", "nope"],
      ["missing", "prompt"],
      ["type", "count"],
      ["choices", "mode"],
      ["minimum", "steps"],
      ["max-length", "word"],
    ]);
  });
});

describe("validateInputs fills in what was omitted", () => {
  it("fills defaults and makes omitted nullable inputs null", () => {
    assert.deepEqual(valuesOf(Constrained, prompt), {
      prompt: "hi",
      count: 1,
      mode: "fast",
      steps: 1,
      word: "abc",
      tags: [],
      sizes: [1, 2],
      seed: null,
      note: null,
      flag: false,
      options: { depth: 1 },
      image: null,
      scale: 1,
    });
  });

  it("keeps given values, including an explicit null for a nullable input", () => {
    const image = new Path("/tmp/x.png");
    const values = valuesOf(Constrained, { ...prompt, count: 5, seed: null, note: null, image, tags: ["a"], flag: true, steps: 1.5 });
    assert.equal(values.count, 5);
    assert.equal(values.seed, null);
    assert.equal(values.note, null);
    assert.equal(values.image, image);
    assert.deepEqual(values.tags, ["a"]);
    assert.equal(values.flag, true);
    assert.equal(values.steps, 1.5);
  });

  it("gives every prediction its own copy of a list or object default", () => {
    const spec = describePredictor(Constrained);
    const first = valuesOf(Constrained, prompt);
    (first.tags as string[]).push("changed by the predictor");
    (first.sizes as number[]).push(99);
    (first.options as Record<string, unknown>).depth = 99;
    const second = valuesOf(Constrained, prompt);
    assert.deepEqual(second.tags, []);
    assert.deepEqual(second.sizes, [1, 2]);
    assert.deepEqual(second.options, { depth: 1 });
    assert.deepEqual(spec.inputs.find((i) => i.name === "tags")?.default, []);
  });

  it('drops unknown names silently under the server\'s "drop" policy', () => {
    const result = validateInputs(describePredictor(TwoInputs), { a: "1", b: "2", extra: "3" }, "drop");
    assert.deepEqual(result, { ok: true, values: { a: "1", b: "2" } });
    const invalid = validateInputs(describePredictor(TwoInputs), { a: "1", extra: "3" }, "drop");
    assert.deepEqual(invalid.ok ? [] : invalid.issues.map((i) => i.message), ['missing required input "b"']);
  });
});

describe("validateInputs checks secrets without showing them", () => {
  const value = "sk-live-0123456789-hunter2";

  it("accepts a valid secret and passes it on wrapped", () => {
    const values = valuesOf(WithSecrets, { token: new Secret("sk-12345678") });
    assert.ok(isSecret(values.token));
    assert.equal((values.token as Secret).getSecretValue(), "sk-12345678");
    assert.equal(values.keys, null);
    assert.equal(values.optional, null);
  });

  it("wraps a raw string given to a secret input instead of rejecting or keeping it", () => {
    const values = valuesOf(WithSecrets, { token: "sk-12345678", keys: ["abcd", "efgh"] });
    assert.ok(isSecret(values.token));
    assert.equal((values.token as Secret).getSecretValue(), "sk-12345678");
    assert.deepEqual(
      (values.keys as Secret[]).map((k) => (isSecret(k) ? k.getSecretValue() : "raw")),
      ["abcd", "efgh"],
    );
  });

  const secretCases: { name: string; given: Given; messages: string[] }[] = [
    {
      name: "too long and not matching",
      given: { token: new Secret(value) },
      messages: ['invalid input "token": maximum string length is 20'],
    },
    {
      name: "too short and not matching",
      given: { token: new Secret("hunter2") },
      messages: [
        'invalid input "token": minimum string length is 8',
        'invalid input "token": string doesn\'t match the regular expression "^sk-"',
      ],
    },
    {
      name: "a short list item",
      given: { token: new Secret("sk-12345678"), keys: [new Secret("abcd"), new Secret("abc")] },
      messages: ['invalid input "keys": minimum string length is 4'],
    },
    {
      name: "a number given to a secret",
      given: { token: 12345678 },
      messages: ['invalid input "token": expected string, got number'],
    },
    {
      name: "an object given to a secret",
      given: { token: { value } },
      messages: ['invalid input "token": expected string, got object'],
    },
    {
      name: "an explicit null for a required secret",
      given: { token: null },
      messages: ['invalid input "token": must not be null (omit the input to use its default)'],
    },
  ];
  for (const { name, given, messages } of secretCases) {
    it(`reports ${name} without the value`, () => {
      const found = issuesOf(WithSecrets, given);
      assert.deepEqual(found, messages);
      for (const message of found) {
        for (const secretText of [value, "hunter2", "12345678", "abc"]) assert.ok(!message.includes(secretText), message);
      }
    });
  }

  it("accepts an explicit null for an optional secret", () => {
    const values = valuesOf(WithSecrets, { token: new Secret("sk-12345678"), optional: null, keys: null });
    assert.equal(values.optional, null);
    assert.equal(values.keys, null);
  });
});

describe("validateInputs runs an input class's own class-validator decorators", () => {
  it("accepts a valid input class and fills its defaults", () => {
    const values = valuesOf(ContactPredictor, { email: "ada@example.com", token: new Secret("t") });
    assert.equal(values.email, "ada@example.com");
    assert.equal(values.display_name, "anonymous");
  });

  it("reports the class's own constraints under the input's name", () => {
    assert.deepEqual(
      issuesOf(ContactPredictor, { email: "not-an-email", display_name: "a name that is too long", token: new Secret("t") }),
      ['invalid input "email": email must be an email', 'invalid input "display_name": display name is too long'],
    );
  });

  it("checks the declared types and requirements first", () => {
    assert.deepEqual(issuesOf(ContactPredictor, { email: 5 }), [
      'invalid input "email": expected string, got number',
      'missing required input "token"',
    ]);
  });
});

describe("unknownInputsIssue", () => {
  const cases: { known: string[]; given: string[]; message: string | undefined }[] = [
    { known: ["a", "b"], given: ["a"], message: undefined },
    { known: ["b", "a"], given: ["nope"], message: 'unknown input "nope"; valid inputs are: a, b' },
    { known: ["a", "b"], given: ["x", "y", "x"], message: 'unknown inputs "x", "y"; valid inputs are: a, b' },
    { known: [], given: ["x"], message: 'unknown input "x"; model does not accept inputs' },
    { known: [], given: [], message: undefined },
  ];
  for (const { known, given, message } of cases) {
    it(`known ${JSON.stringify(known)}, given ${JSON.stringify(given)}: ${message ?? "no issue"}`, () => {
      assert.equal(unknownInputsIssue(known, given)?.message, message);
    });
  }
});
