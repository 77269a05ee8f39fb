// Property tests (fast-check, fixed seed, bounded runs) of the SDK's input pipeline: the coercer never
// throws and returns the typed value or the text unchanged; the validator never throws, answers ok
// or coded issues, and no issue message ever contains a secret value.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BasePredictor, Input, type InputIssueCode, Inputs, Int, isSecret, Path, Secret, SecretInput } from "@tsc-cog/sdk";
import {
  type BaseType,
  coerceScalarText,
  coerceText,
  describePredictor,
  type InputSpec,
  type PredictorSpec,
  validateInputs,
} from "@tsc-cog/sdk/engine";
import { IsEmail, MaxLength } from "class-validator";
import fc from "fast-check";
import { nastyString } from "./arbitraries.js";

const SEED = 7_2026;
const BASES: readonly BaseType[] = ["string", "integer", "number", "boolean", "path", "secret", "object"];
const CODES: readonly InputIssueCode[] = [
  "unknown",
  "missing",
  "null",
  "type",
  "choices",
  "minimum",
  "maximum",
  "min-length",
  "max-length",
  "pattern",
  "custom",
  "unresolvable",
];

/** Text as typed on a command line: random strings, and numbers, booleans and JSON in their many spellings. */
const commandLineText = fc.oneof(
  nastyString,
  fc.constantFrom("true", "false", "True", "1e400", "-0", "+5", ".5", "5.", "0x10", "1_000", "NaN", "Infinity", "null", "[]", "{}", " 1"),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.json(),
);

describe("the coercer (fuzzed)", () => {
  it("coerceScalarText never throws and gives the base type, a Secret, or the text unchanged", () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASES), commandLineText, (base, text) => {
        const value = coerceScalarText(base, text);
        if (base === "secret") {
          assert.ok(isSecret(value) && value.getSecretValue() === text);
          return;
        }
        if (value === text) return;
        if (base === "boolean") assert.equal(value, text === "true");
        else if (base === "integer") assert.ok(Number.isSafeInteger(value) && value === Number(text));
        else if (base === "number") assert.ok(typeof value === "number" && Number.isFinite(value) && value === Number(text));
        else if (base === "object") assert.deepEqual(value, JSON.parse(text));
        else assert.fail(`${base} changed ${JSON.stringify(text)} into ${String(value)}`);
      }),
      { seed: SEED, numRuns: 3000, includeErrorInReport: true },
    );
  });

  it("coerceText never throws, gives a list input a list and wraps every secret text", () => {
    const spec = (base: BaseType, list: boolean) => ({ name: "x", type: { base, list } }) as InputSpec;
    fc.assert(
      fc.property(
        fc.constantFrom(...BASES),
        fc.boolean(),
        fc.oneof(commandLineText, fc.array(commandLineText, { maxLength: 5 })),
        (base, list, raw) => {
          const value = coerceText(spec(base, list), raw);
          if (list || Array.isArray(raw)) assert.ok(Array.isArray(value), "a list, or repeated values, give an array");
          if (base === "secret") {
            const items = Array.isArray(value) ? value : [value];
            // Every string became a Secret (a JSON array's non-string items are left for validation).
            assert.ok(items.every((item) => typeof item !== "string"));
          }
        },
      ),
      { seed: SEED, numRuns: 3000, includeErrorInReport: true },
    );
  });
});

/** Inputs of every type, each with the constraints it can take. */
class EveryType extends BasePredictor {
  async predict(
    @Input({ minLength: 2, maxLength: 30, regex: "^[a-z]" }) text: string,
    @Input({ type: Int, ge: -5, le: 5, default: 0 }) count: number,
    @Input({ type: Number, ge: 0, le: 1, default: 0.5 }) ratio: number,
    @Input({ default: false }) flag: boolean,
    @Input({ type: Path, nullable: true }) file: Path | null,
    @SecretInput({ minLength: 8, maxLength: 64, regex: "^sk-" }) token: Secret,
    @SecretInput({ default: null }) optional_token: Secret | null,
    @Input({ type: Object, default: { depth: 1 } }) options: object,
    @Input({ choices: ["fast", "slow"], default: "fast" }) mode: string,
    @Input({ type: Int, choices: [1, 2, 4], default: 1 }) scale: number,
    @Input({ type: [String], default: [], maxLength: 10 }) tags: string[],
    @Input({ type: [Int], default: [1], ge: 0 }) sizes: number[],
    @Input({ type: [Number], default: null }) weights: number[] | null,
    @Input({ type: [Boolean], default: [] }) switches: boolean[],
    @Input({ type: [Path], default: [] }) files: Path[],
    @SecretInput({ type: [Secret], default: null, minLength: 6 }) keys: Secret[] | null,
    @Input({ type: [Object], default: [] }) records: object[],
  ): Promise<unknown> {
    return [
      text,
      count,
      ratio,
      flag,
      file,
      token,
      optional_token,
      options,
      mode,
      scale,
      tags,
      sizes,
      weights,
      switches,
      files,
      keys,
      records,
    ];
  }
}

/** An input class whose properties also carry class-validator decorators of their own. */
class ContactInput {
  @Input({ description: "Where to send the answer" })
  @IsEmail()
  email!: string;

  @SecretInput({ minLength: 8 })
  api_key!: Secret;

  @Input({ type: String, default: "hello" })
  @MaxLength(12)
  greeting!: string;
}

class InputClass extends BasePredictor {
  async predict(@Inputs() input: ContactInput): Promise<unknown> {
    return input;
  }
}

/** A secret value long enough that finding it in a message cannot be a coincidence. */
const secretText = fc.string({ unit: "binary", minLength: 8, maxLength: 40 });

/** Any value a JSON body, a coercer or a careless caller could hand the validator. */
function valueFor(): fc.Arbitrary<unknown> {
  const scalar = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constantFrom(null, undefined, "fast", 1, 4, "sk-0123456789", "a@b.co"),
    secretText.map((text) => new Secret(text)),
    nastyString.map((text) => new Path(`/tmp/${text.replaceAll("\0", "")}`)),
  );
  return fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) });
}

/** Every secret text in `given`: Secret values anywhere, and strings given to secret inputs (wrapped by validation). */
function secretsIn(spec: PredictorSpec, given: Readonly<Record<string, unknown>>): string[] {
  const found: string[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (isSecret(value)) found.push(value.getSecretValue());
    else if (Array.isArray(value) && depth < 4) for (const item of value) walk(item, depth + 1);
    else if (typeof value === "object" && value !== null && depth < 4) for (const item of Object.values(value)) walk(item, depth + 1);
  };
  for (const [name, value] of Object.entries(given)) {
    walk(value, 0);
    const input = spec.inputs.find((i) => i.name === name);
    if (input?.type.base !== "secret") continue;
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === "string") found.push(item);
  }
  return found.filter((text) => text.length >= 8);
}

/** Random inputs for `spec`: each input omitted or given a random value, plus random unknown names. */
function givenFor(spec: PredictorSpec): fc.Arbitrary<Record<string, unknown>> {
  const known = Object.fromEntries(
    spec.inputs.map((input) => {
      const own = input.type.base === "secret" ? fc.oneof(valueFor(), secretText, fc.array(secretText, { maxLength: 3 })) : valueFor();
      return [input.name, own];
    }),
  );
  return fc
    .tuple(fc.record(known, { requiredKeys: [] }), fc.dictionary(nastyString, valueFor(), { maxKeys: 2 }))
    .map(([inputs, extra]) => ({ ...extra, ...inputs }));
}

describe("the validator (fuzzed)", () => {
  for (const [name, predictorClass] of [
    ["every input type", EveryType],
    ["an input class with class-validator decorators", InputClass],
  ] as const) {
    const spec = describePredictor(predictorClass);
    for (const policy of ["reject", "drop"] as const) {
      it(`${name} (${policy} unknown names): never throws, answers ok or coded issues, never shows a secret`, () => {
        fc.assert(
          fc.property(givenFor(spec), (given) => {
            const result = validateInputs(spec, given, policy);
            if (result.ok) {
              assert.deepEqual(Object.keys(result.values).sort(), spec.inputs.map((i) => i.name).sort(), "every input has a value");
              for (const input of spec.inputs) {
                const value = result.values[input.name];
                if (input.type.base === "secret" && value !== null) {
                  const items = input.type.list ? (value as unknown[]) : [value];
                  assert.ok(items.every(isSecret), `${input.name} reaches predict() as Secrets only`);
                }
              }
              return;
            }
            assert.ok(result.issues.length > 0);
            const secrets = secretsIn(spec, given);
            for (const issue of result.issues) {
              assert.ok(CODES.includes(issue.code), `unknown code ${issue.code}`);
              assert.equal(typeof issue.message, "string");
              assert.ok(issue.message.length > 0);
              for (const secret of secrets) {
                assert.ok(!issue.message.includes(secret), `issue ${JSON.stringify(issue.message)} shows a secret value`);
              }
            }
          }),
          { seed: SEED, numRuns: 1500, includeErrorInReport: true },
        );
      });
    }
  }
});
