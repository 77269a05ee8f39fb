import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describePredictor, type InputSpec } from "../engine.js";
import {
  BasePredictor,
  type DefinitionProblem,
  Input,
  Inputs,
  Int,
  Output,
  Path,
  PredictorDefinitionError,
  Secret,
  SecretInput,
} from "../index.js";
import type { Secret as TypeOnlySecret } from "../secret/secret.js";

type PredictorClass = abstract new () => object;

/** The problems a predictor's definition is rejected with (and a check that they are rendered in the message). */
function problemsOf(predictor: PredictorClass): readonly DefinitionProblem[] {
  try {
    describePredictor(predictor);
  } catch (error) {
    assert.ok(error instanceof PredictorDefinitionError, `expected a PredictorDefinitionError, got ${String(error)}`);
    for (const p of error.problems) assert.ok(error.message.includes(`- ${p.where}: ${p.problem}. Fix: ${p.fix}`), error.message);
    return error.problems;
  }
  return assert.fail(`${predictor.name} was accepted`);
}

const at = (cls: string, name: string, index: number) => `${cls}.predict() parameter "${name}" (index ${index})`;
const SUPPORTED =
  "use one of string, number (type: Int for integers), boolean, Path, Secret, Object, or a list of one of these ([String], [Int]…)";
const OBJECT_FIX =
  "give the type with type: (TypeScript records a union such as `number | null` as Object: add type: Number); if the annotation names a class imported with `import type` (e.g. Secret), import it as a value; for an opaque JSON object add type: Object";
const NO_METADATA_FIX =
  'enable "experimentalDecorators" and "emitDecoratorMetadata" in tsconfig.json (tsc-cog\'s loader does this for .ts files), or give the type with @Input({ type: ... })';
const DEFAULT_FIX = "change the default or the constraint";

class GeOnString extends BasePredictor {
  async predict(@Input({ ge: 1 }) text: string) {
    return text;
  }
}
class LeOnBoolean extends BasePredictor {
  async predict(@Input() text: string, @Input({ le: 1 }) flag: boolean) {
    return [text, flag];
  }
}
class MinLengthOnNumber extends BasePredictor {
  async predict(@Input({ minLength: 2 }) n: number) {
    return n;
  }
}
class RegexOnNumber extends BasePredictor {
  async predict(@Input({ regex: "^1" }) n: number) {
    return n;
  }
}
class OneChoice extends BasePredictor {
  async predict(@Input({ choices: ["only"] }) mode: string) {
    return mode;
  }
}
class ChoicesWithBounds extends BasePredictor {
  async predict(@Input({ type: Int, choices: [1, 2], ge: 1 }) n: number) {
    return n;
  }
}
class NumberChoicesForString extends BasePredictor {
  async predict(@Input({ choices: [1, 2] }) mode: string) {
    return mode;
  }
}
class FractionChoicesForInt extends BasePredictor {
  async predict(@Input({ type: Int, choices: [1.5, 2] }) n: number) {
    return n;
  }
}
class ChoicesOnBoolean extends BasePredictor {
  async predict(@Input({ choices: ["true", "false"] }) flag: boolean) {
    return flag;
  }
}
class DefaultBelowGe extends BasePredictor {
  async predict(@Input({ default: 0, ge: 1 }) steps: number) {
    return steps;
  }
}
class DefaultNotAChoice extends BasePredictor {
  async predict(@Input({ choices: ["fast", "slow"], default: "medium" }) mode: string) {
    return mode;
  }
}
class DefaultNotMatching extends BasePredictor {
  async predict(@Input({ regex: "^a", default: "b" }) word: string) {
    return word;
  }
}
class DefaultOfWrongType extends BasePredictor {
  async predict(@Input({ type: Int, default: "5" }) n: number) {
    return n;
  }
}
class ArrayWithoutItemType extends BasePredictor {
  async predict(@Input() tags: string[]) {
    return tags;
  }
}
class JsDefault extends BasePredictor {
  async predict(@Input() text: string, n: number = 1) {
    return [text, n];
  }
}
class JsDefaultOnDecorated extends BasePredictor {
  async predict(@Input({ description: "how many" }) n: number = 1) {
    return n;
  }
}
class Undecorated extends BasePredictor {
  async predict(text: string, n: number) {
    return [text, n];
  }
}
class MetadataStripped extends BasePredictor {
  async predict(@Input() text: string, n: number) {
    return [text, n];
  }
}
Reflect.deleteMetadata("design:paramtypes", MetadataStripped.prototype, "predict");
class TypeOnlyImport extends BasePredictor {
  async predict(@Input() token: TypeOnlySecret) {
    return token;
  }
}
class NullableWithoutType extends BasePredictor {
  async predict(@Input({ nullable: true }) seed: number | null) {
    return seed;
  }
}
class SecretWithDefault extends BasePredictor {
  async predict(@Input({ type: Secret, default: "tsc-cog-CANARY-literal" }) token: Secret) {
    return token;
  }
}
class SecretInputOnString extends BasePredictor {
  async predict(@SecretInput() token: string) {
    return token;
  }
}
class DuplicateNames extends BasePredictor {
  async predict(@Input({ name: "text" }) a: string, @Input() text: string) {
    return [a, text];
  }
}
class Unsupported {}
class UnsupportedTypes extends BasePredictor {
  async predict(@Input() when: Date, @Input() thing: Unsupported) {
    return [when, thing];
  }
}
class TypeMismatch extends BasePredictor {
  async predict(@Input({ type: Int }) text: string, @Input({ type: [String] }) one: string) {
    return [text, one];
  }
}
class SecretInputOfString extends BasePredictor {
  async predict(@SecretInput({ type: String as unknown as typeof Secret }) token: Secret) {
    return token;
  }
}
class BadBoundsAndPattern extends BasePredictor {
  async predict(@Input({ ge: 5, le: 1 }) n: number, @Input({ regex: "(" }) s: string, @Input({ accept: ".png" }) t: string) {
    return [n, s, t];
  }
}
/** `\-` is a valid escape without the `u` flag only; validation compiles patterns with `u`. */
const escapedHyphen = String.raw`a\-b`;
class RegExpInvalidUnderU extends BasePredictor {
  async predict(@Input({ regex: new RegExp(escapedHyphen) }) s: string) {
    return s;
  }
}
class Destructured extends BasePredictor {
  async predict(@Input({ type: Object }) { a }: { a: string }) {
    return a;
  }
}
class NoPredict extends BasePredictor {}
class ManyProblems extends BasePredictor {
  async predict(@Input({ ge: 1 }) text: string, @Input() tags: string[], @Input({ type: Int, default: 9, le: 5 }) n: number, when: Date) {
    return [text, tags, n, when];
  }
}

const rejected: { name: string; predictor: PredictorClass; problems: DefinitionProblem[] }[] = [
  {
    name: "ge/le on a string",
    predictor: GeOnString,
    problems: [
      {
        where: at("GeOnString", "text", 0),
        problem: "ge/le only apply to numbers, but the input is string",
        fix: "remove ge/le, or declare the input as a number",
      },
    ],
  },
  {
    name: "le on a boolean, at index 1",
    predictor: LeOnBoolean,
    problems: [
      {
        where: at("LeOnBoolean", "flag", 1),
        problem: "ge/le only apply to numbers, but the input is boolean",
        fix: "remove ge/le, or declare the input as a number",
      },
    ],
  },
  ...(
    [
      ["minLength", MinLengthOnNumber],
      ["regex", RegexOnNumber],
    ] as const
  ).map(([option, predictor]) => ({
    name: `${option} on a number`,
    predictor,
    problems: [
      {
        where: at(predictor.name, "n", 0),
        problem: "minLength/maxLength/regex only apply to strings and secrets, but the input is number",
        fix: "remove them, or declare the input as a string",
      },
    ],
  })),
  {
    name: "fewer than 2 choices",
    predictor: OneChoice,
    problems: [
      {
        where: at("OneChoice", "mode", 0),
        problem: "choices needs at least 2 values",
        fix: "list two or more choices, or use default: for a fixed value",
      },
    ],
  },
  {
    name: "choices with ge",
    predictor: ChoicesWithBounds,
    problems: [
      {
        where: at("ChoicesWithBounds", "n", 0),
        problem: "choices cannot be combined with ge/le/minLength/maxLength",
        fix: "remove the bounds: the choices already limit the value",
      },
    ],
  },
  {
    name: "number choices for a string",
    predictor: NumberChoicesForString,
    problems: [
      { where: at("NumberChoicesForString", "mode", 0), problem: "choices 1, 2 are not strings", fix: "make every choice a string" },
    ],
  },
  {
    name: "a fraction among integer choices",
    predictor: FractionChoicesForInt,
    problems: [{ where: at("FractionChoicesForInt", "n", 0), problem: "choices 1.5 are not integers", fix: "make every choice a integer" }],
  },
  {
    name: "choices on a boolean",
    predictor: ChoicesOnBoolean,
    problems: [
      {
        where: at("ChoicesOnBoolean", "flag", 0),
        problem: "choices only apply to strings and integers, but the input is boolean",
        fix: "remove choices",
      },
    ],
  },
  {
    name: "a default below its own ge",
    predictor: DefaultBelowGe,
    problems: [
      { where: at("DefaultBelowGe", "steps", 0), problem: "its default 0 is invalid: number must be at least 1", fix: DEFAULT_FIX },
    ],
  },
  {
    name: "a default outside its own choices",
    predictor: DefaultNotAChoice,
    problems: [
      {
        where: at("DefaultNotAChoice", "mode", 0),
        problem: 'its default "medium" is invalid: must be one of: fast, slow',
        fix: DEFAULT_FIX,
      },
    ],
  },
  {
    name: "a default not matching its own regex",
    predictor: DefaultNotMatching,
    problems: [
      {
        where: at("DefaultNotMatching", "word", 0),
        problem: 'its default "b" is invalid: string doesn\'t match the regular expression "^a"',
        fix: DEFAULT_FIX,
      },
    ],
  },
  {
    name: "a default of the wrong type",
    predictor: DefaultOfWrongType,
    problems: [
      { where: at("DefaultOfWrongType", "n", 0), problem: 'its default "5" is invalid: expected integer, got string', fix: DEFAULT_FIX },
    ],
  },
  {
    name: "an array without an item type",
    predictor: ArrayWithoutItemType,
    problems: [
      {
        where: at("ArrayWithoutItemType", "tags", 0),
        problem: "it is an array without an item type",
        fix: "add type: [String] (or [Int], [Number], [Boolean], [Path], [Secret], [Object])",
      },
    ],
  },
  {
    name: "a JavaScript default initializer on an undecorated parameter",
    predictor: JsDefault,
    problems: [
      {
        where: at("JsDefault", "n", 1),
        problem: "it has a JavaScript default initializer, which the schema cannot see",
        fix: "remove `= ...` and write the value as @Input({ default: ... })",
      },
    ],
  },
  {
    name: "a JavaScript default initializer on a decorated parameter",
    predictor: JsDefaultOnDecorated,
    problems: [
      {
        where: at("JsDefaultOnDecorated", "n", 0),
        problem: "it has a JavaScript default initializer, which the schema cannot see",
        fix: "remove `= ...` and write the value as @Input({ default: ... })",
      },
    ],
  },
  {
    name: "a method without decorators, so without types",
    predictor: Undecorated,
    problems: ["text", "n"].map((name, index) => ({
      where: at("Undecorated", name, index),
      problem: "its type is unknown: no decorator metadata was emitted",
      fix: "add @Input() to it (TypeScript records parameter types only for methods that have a decorator)",
    })),
  },
  {
    name: "decorator metadata missing (compiled without emitDecoratorMetadata)",
    predictor: MetadataStripped,
    problems: [
      { where: at("MetadataStripped", "text", 0), problem: "its type is unknown: no decorator metadata was emitted", fix: NO_METADATA_FIX },
      {
        where: at("MetadataStripped", "n", 1),
        problem: "its type is unknown: no decorator metadata was emitted",
        fix: "add @Input() to it (TypeScript records parameter types only for methods that have a decorator)",
      },
    ],
  },
  {
    name: "`import type { Secret }`, which leaves the type as Object",
    predictor: TypeOnlyImport,
    problems: [
      {
        where: at("TypeOnlyImport", "token", 0),
        problem: "its type is Function at run time, so tsc-cog cannot tell what it is",
        fix: OBJECT_FIX,
      },
    ],
  },
  {
    name: "`number | null` without type:, which TypeScript 7 records as Object",
    predictor: NullableWithoutType,
    problems: [
      {
        where: at("NullableWithoutType", "seed", 0),
        problem: "its type is Object at run time, so tsc-cog cannot tell what it is",
        fix: OBJECT_FIX,
      },
    ],
  },
  {
    name: "a Secret with a literal default",
    predictor: SecretWithDefault,
    problems: [
      {
        where: at("SecretWithDefault", "token", 0),
        problem: "a Secret input has a literal default, which would be published in the schema",
        fix: "remove the default (pass the value at run time: -i name=@file, env:NAME or -), or use default: null for an optional secret",
      },
    ],
  },
  {
    name: "@SecretInput on a parameter declared as string",
    predictor: SecretInputOnString,
    problems: [
      {
        where: at("SecretInputOnString", "token", 0),
        problem: "@SecretInput gives a Secret, but the parameter is declared as String",
        fix: 'annotate it as Secret (import { Secret } from "@tsc-cog/sdk") and read the value with getSecretValue()',
      },
    ],
  },
  {
    name: "duplicate names",
    predictor: DuplicateNames,
    problems: [
      {
        where: at("DuplicateNames", "text", 1),
        problem: `the input name "text" is already used by ${at("DuplicateNames", "a", 0)}`,
        fix: "give one of them another name with name:",
      },
    ],
  },
  {
    name: "unsupported types: Date and a custom class",
    predictor: UnsupportedTypes,
    problems: [
      { where: at("UnsupportedTypes", "when", 0), problem: "type Date is not supported", fix: SUPPORTED },
      { where: at("UnsupportedTypes", "thing", 1), problem: "type Unsupported is not supported", fix: SUPPORTED },
    ],
  },
  {
    name: "a type: that contradicts the annotation",
    predictor: TypeMismatch,
    problems: [
      {
        where: at("TypeMismatch", "text", 0),
        problem: "type: Int does not match the declared TypeScript type String",
        fix: "make the annotation and type: agree (a list annotation needs type: [T])",
      },
      {
        where: at("TypeMismatch", "one", 1),
        problem: "type: [String] does not match the declared TypeScript type String",
        fix: "make the annotation and type: agree (a list annotation needs type: [T])",
      },
    ],
  },
  {
    name: "@SecretInput with a non-secret type:",
    predictor: SecretInputOfString,
    problems: [
      {
        where: at("SecretInputOfString", "token", 0),
        problem: "@SecretInput declares type String",
        fix: "use type: Secret or type: [Secret], or @Input for a non-secret input",
      },
    ],
  },
  {
    name: "ge above le, an invalid regex and accept on a string",
    predictor: BadBoundsAndPattern,
    problems: [
      { where: at("BadBoundsAndPattern", "n", 0), problem: "ge (5) is greater than le (1)", fix: "swap or correct the bounds" },
      {
        where: at("BadBoundsAndPattern", "s", 1),
        problem: "regex is not a valid regular expression (Invalid regular expression: /(/u: Unterminated group)",
        fix: "correct the pattern",
      },
      {
        where: at("BadBoundsAndPattern", "t", 2),
        problem: "accept only applies to Path inputs, but the input is string",
        fix: "remove accept",
      },
    ],
  },
  {
    name: "a RegExp that is only valid without the u flag (validation would crash)",
    predictor: RegExpInvalidUnderU,
    problems: [
      {
        where: at("RegExpInvalidUnderU", "s", 0),
        problem: "regex is not a valid regular expression (Invalid regular expression: /a\\-b/u: Invalid escape)",
        fix: "correct the pattern",
      },
    ],
  },
  {
    name: "a destructured parameter without name:",
    predictor: Destructured,
    problems: [
      {
        where: "Destructured.predict() parameter (index 0)",
        problem: "its name cannot be read (a destructured parameter?)",
        fix: "give it a name with @Input({ name: ... }), or use an input class with @Inputs()",
      },
    ],
  },
  {
    name: "no predict() method",
    predictor: NoPredict,
    problems: [{ where: "NoPredict", problem: "it has no predict() method", fix: "add async predict(...) (or run(...)) to the class" }],
  },
];

describe("describePredictor rejects a bad definition, naming class, method, parameter and fix", () => {
  for (const { name, predictor, problems } of rejected) {
    it(`rejects ${name}`, () => {
      assert.deepEqual(problemsOf(predictor), problems);
    });
  }

  it("reports several problems together in one error", () => {
    assert.throws(
      () => describePredictor(ManyProblems),
      (error: unknown) => {
        assert.ok(error instanceof PredictorDefinitionError);
        assert.equal(
          error.message,
          [
            "predictor ManyProblems has 4 problems in its definition:",
            `- ${at("ManyProblems", "text", 0)}: ge/le only apply to numbers, but the input is string. Fix: remove ge/le, or declare the input as a number`,
            `- ${at("ManyProblems", "tags", 1)}: it is an array without an item type. Fix: add type: [String] (or [Int], [Number], [Boolean], [Path], [Secret], [Object])`,
            `- ${at("ManyProblems", "n", 2)}: its default 9 is invalid: number must be at most 5. Fix: ${DEFAULT_FIX}`,
            `- ${at("ManyProblems", "when", 3)}: type Date is not supported. Fix: ${SUPPORTED}`,
          ].join("\n"),
        );
        assert.equal(error.name, "PredictorDefinitionError");
        assert.equal(error.problems.length, 4);
        return true;
      },
    );
  });

  it("says 'a problem' for one problem, and never prints a secret's literal default", () => {
    assert.throws(
      () => describePredictor(SecretWithDefault),
      (error: Error) =>
        error.message.startsWith("predictor SecretWithDefault has a problem in its definition:\n- ") &&
        !error.message.includes("tsc-cog-CANARY-literal"),
    );
  });

  it("rejects an @Inputs() class imported with `import type` instead of reading no inputs", () => {
    class TypeOnlyBody extends BasePredictor {
      async predict(@Inputs() body: TypeOnlySecret) {
        return body;
      }
    }
    assert.deepEqual(problemsOf(TypeOnlyBody), [
      {
        where: at("TypeOnlyBody", "body", 0),
        problem: "@Inputs() needs the parameter's class, but decorator metadata does not name one",
        fix: "annotate the parameter with the input class (imported as a value, not `import type`)",
      },
    ]);
  });

  it("rejects a JavaScript initializer on an input-class property", () => {
    class Body {
      @Input() steps: number = 4;
      @Input({ default: 2 }) scale: number = 2;
      @Input() text!: string;
    }
    class InitializedBody extends BasePredictor {
      async predict(@Inputs() body: Body) {
        return body;
      }
    }
    assert.deepEqual(problemsOf(InitializedBody), [
      {
        where: "Body.steps",
        problem: "it has a JavaScript default initializer, which the schema cannot see",
        fix: "remove `= ...` and write the value as @Input({ default: ... })",
      },
    ]);
  });

  it("rejects an @Inputs() predictor that takes other parameters too", () => {
    class Body {
      @Input() text!: string;
    }
    class Mixed extends BasePredictor {
      async predict(@Inputs() body: Body, @Input() extra: string) {
        return [body, extra];
      }
    }
    assert.deepEqual(problemsOf(Mixed), [
      {
        where: "Mixed.predict()",
        problem: "an @Inputs() predictor takes other parameters too",
        fix: "move every input into the input class",
      },
    ]);
  });

  it("names the input-class property of a bad input-class input", () => {
    class Body {
      @Input({ ge: 1 }) text!: string;
      @Input() tags!: string[];
    }
    class BadBody extends BasePredictor {
      async predict(@Inputs() body: Body) {
        return body;
      }
    }
    assert.deepEqual(problemsOf(BadBody), [
      {
        where: "Body.text",
        problem: "ge/le only apply to numbers, but the input is string",
        fix: "remove ge/le, or declare the input as a number",
      },
      {
        where: "Body.tags",
        problem: "it is an array without an item type",
        fix: "add type: [String] (or [Int], [Number], [Boolean], [Path], [Secret], [Object])",
      },
    ]);
  });
});

/** The parts of an InputSpec a test cares about. */
function summary(spec: InputSpec) {
  return {
    name: spec.name,
    order: spec.order,
    type: `${spec.type.list ? "[" : ""}${spec.type.base}${spec.type.list ? "]" : ""}`,
    required: spec.required,
    nullable: spec.nullable,
    default: spec.hasDefault ? spec.default : "(none)",
    index: spec.origin.parameterIndex,
  };
}

describe("describePredictor reads a good definition", () => {
  it("reads every kind of input from decorators, annotations and source names", () => {
    class Everything extends BasePredictor {
      @Output(String)
      async predict(
        @Input({ description: "Text to send" }) text: string,
        @Input({ type: Int, default: 1, ge: 1, le: 5 }) n: number,
        @Input({ choices: ["fast", "slow"], default: "fast" }) mode: string,
        @Input({ type: [String], default: [] }) tags: string[],
        @Input({ type: Path, nullable: true }) image: Path | null,
        @Input({ type: Number, default: null }) seed: number | null,
        @SecretInput({ description: "API token", minLength: 8, regex: "^sk-" }) api_token: Secret,
        @SecretInput({ type: [Secret], default: null }) keys: Secret[],
        @Input({ name: "cfg", type: Object, default: { a: [1, ")"] } }) config: object,
        plain: boolean,
        @Input({ type: [Int], default: [1, 2] }) sizes: number[] = [1, 2],
        @Input({ type: Number, default: 0.5 }) temperature: number,
      ): Promise<string> {
        return [text, n, mode, tags, image, seed, api_token, keys, config, plain, sizes, temperature].join();
      }
    }
    const spec = describePredictor(Everything);
    assert.equal(spec.className, "Everything");
    assert.equal(spec.method, "predict");
    assert.equal(spec.parameterCount, 12);
    assert.deepEqual(spec.inputs.map(summary), [
      { name: "text", order: 0, type: "string", required: true, nullable: false, default: "(none)", index: 0 },
      { name: "n", order: 1, type: "integer", required: false, nullable: false, default: 1, index: 1 },
      { name: "mode", order: 2, type: "string", required: false, nullable: false, default: "fast", index: 2 },
      { name: "tags", order: 3, type: "[string]", required: false, nullable: false, default: [], index: 3 },
      { name: "image", order: 4, type: "path", required: false, nullable: true, default: "(none)", index: 4 },
      { name: "seed", order: 5, type: "number", required: false, nullable: true, default: "(none)", index: 5 },
      { name: "api_token", order: 6, type: "secret", required: true, nullable: false, default: "(none)", index: 6 },
      { name: "keys", order: 7, type: "[secret]", required: false, nullable: true, default: "(none)", index: 7 },
      { name: "cfg", order: 8, type: "object", required: false, nullable: false, default: { a: [1, ")"] }, index: 8 },
      { name: "plain", order: 9, type: "boolean", required: true, nullable: false, default: "(none)", index: 9 },
      { name: "sizes", order: 10, type: "[integer]", required: false, nullable: false, default: [1, 2], index: 10 },
      { name: "temperature", order: 11, type: "number", required: false, nullable: false, default: 0.5, index: 11 },
    ]);
    const byName = new Map(spec.inputs.map((i) => [i.name, i]));
    assert.equal(byName.get("text")?.description, "Text to send");
    assert.equal(byName.get("n")?.ge, 1);
    assert.equal(byName.get("n")?.le, 5);
    assert.deepEqual(byName.get("mode")?.choices, ["fast", "slow"]);
    assert.equal(byName.get("api_token")?.minLength, 8);
    assert.equal(byName.get("api_token")?.regex, "^sk-");
    assert.equal(byName.get("cfg")?.origin.parameterName, "config");
    assert.deepEqual(spec.output, { shape: { kind: "type", type: { base: "string", list: false } }, iterator: false, concatenate: false });
  });

  it("accepts run() as an alias of predict()", () => {
    class Runner extends BasePredictor {
      async run(@Input() text: string) {
        return text;
      }
    }
    const spec = describePredictor(Runner);
    assert.equal(spec.method, "run");
    assert.deepEqual(
      spec.inputs.map((i) => i.name),
      ["text"],
    );
    assert.equal(spec.inputs[0].origin.method, "run");
  });

  it("reads a predictor without inputs", () => {
    class Nothing extends BasePredictor {
      async predict() {
        return "ok";
      }
    }
    const spec = describePredictor(Nothing);
    assert.deepEqual(spec.inputs, []);
    assert.equal(spec.parameterCount, 0);
    assert.deepEqual(spec.output, { shape: { kind: "any" }, iterator: false, concatenate: false });
  });

  it("accepts lengths and regex on a Secret, and `import type { Secret }` under @SecretInput", () => {
    class Secretive extends BasePredictor {
      async predict(
        @SecretInput({ minLength: 8, maxLength: 64, regex: /^sk-/ }) token: TypeOnlySecret,
        @SecretInput() other: TypeOnlySecret,
      ) {
        return [token, other];
      }
    }
    const spec = describePredictor(Secretive);
    assert.deepEqual(spec.inputs.map(summary), [
      { name: "token", order: 0, type: "secret", required: true, nullable: false, default: "(none)", index: 0 },
      { name: "other", order: 1, type: "secret", required: true, nullable: false, default: "(none)", index: 1 },
    ]);
    assert.equal(spec.inputs[0].regex, "^sk-");
  });

  it("takes the type from type: when decorator metadata is missing (a precompiled .js predictor)", () => {
    class Precompiled extends BasePredictor {
      async predict(@Input({ type: String }) text: string, @Input({ type: [Int], default: [] }) sizes: number[]) {
        return [text, sizes];
      }
    }
    Reflect.deleteMetadata("design:paramtypes", Precompiled.prototype, "predict");
    assert.deepEqual(
      describePredictor(Precompiled).inputs.map((i) => [i.name, i.type]),
      [
        ["text", { base: "string", list: false }],
        ["sizes", { base: "integer", list: true }],
      ],
    );
  });

  it("reads an input class marked with @Inputs()", () => {
    class GenerateInput {
      @Input({ description: "Prompt" }) prompt!: string;
      @Input({ type: Int, default: 2, ge: 1 }) steps!: number;
      @Input({ name: "negative_prompt", type: String, default: null }) negative!: string | null;
      @SecretInput() token!: Secret;
      notAnInput?: string;
    }
    class Generate extends BasePredictor {
      async predict(@Inputs() input: GenerateInput) {
        return input.prompt;
      }
    }
    const spec = describePredictor(Generate);
    assert.equal(spec.inputClass?.constructor, GenerateInput);
    assert.equal(spec.inputClass?.parameterIndex, 0);
    assert.deepEqual(spec.inputs.map(summary), [
      { name: "prompt", order: 0, type: "string", required: true, nullable: false, default: "(none)", index: 0 },
      { name: "steps", order: 1, type: "integer", required: false, nullable: false, default: 2, index: 0 },
      { name: "negative_prompt", order: 2, type: "string", required: false, nullable: true, default: "(none)", index: 0 },
      { name: "token", order: 3, type: "secret", required: true, nullable: false, default: "(none)", index: 0 },
    ]);
    assert.deepEqual(
      spec.inputs.map((i) => i.origin.property),
      ["prompt", "steps", "negative", "token"],
    );
  });

  it("takes undecorated parameters of a decorated method as inputs without options", () => {
    class Mixed extends BasePredictor {
      async predict(@Input({ description: "first" }) first: string, second: number, third: boolean) {
        return [first, second, third];
      }
    }
    assert.deepEqual(describePredictor(Mixed).inputs.map(summary), [
      { name: "first", order: 0, type: "string", required: true, nullable: false, default: "(none)", index: 0 },
      { name: "second", order: 1, type: "number", required: true, nullable: false, default: "(none)", index: 1 },
      { name: "third", order: 2, type: "boolean", required: true, nullable: false, default: "(none)", index: 2 },
    ]);
  });

  it("reads names past defaults that hold brackets, commas and strings", () => {
    class Tricky extends BasePredictor {
      async predict(
        @Input({ type: [String], default: ["a,b", ")"] }) first: string[] = ["a,b", ")"],
        @Input({ default: "x, (y" }) second: string = "x, (y",
        @Input({ type: Object, default: { k: "}" } }) third: object = { k: "}" },
        fourth: string,
      ) {
        return [first, second, third, fourth];
      }
    }
    assert.deepEqual(
      describePredictor(Tricky).inputs.map((i) => i.name),
      ["first", "second", "third", "fourth"],
    );
  });

  it("uses the swc loader's type hints for annotations that metadata loses (`T | null`, `T[]`)", () => {
    class Hinted extends BasePredictor {
      async predict(@Input() seed: number | null, @Input({ default: [] }) tags: string[], @Input() image: Path | null) {
        return [seed, tags, image];
      }
    }
    const key = Symbol.for("tsc-cog.type-hints");
    const registry = globalThis as unknown as Record<symbol, WeakMap<object, Map<string, { nullable?: boolean; type?: unknown }>>>;
    registry[key] ??= new WeakMap();
    registry[key].set(
      Hinted.prototype,
      new Map<string, { nullable?: boolean; type?: unknown }>([
        ["predict#0", { nullable: true, type: Number }],
        ["predict#1", { type: [String] }],
        ["predict#2", { nullable: true, type: Path }],
      ]),
    );
    assert.deepEqual(describePredictor(Hinted).inputs.map(summary), [
      { name: "seed", order: 0, type: "number", required: false, nullable: true, default: "(none)", index: 0 },
      { name: "tags", order: 1, type: "[string]", required: false, nullable: false, default: [], index: 1 },
      { name: "image", order: 2, type: "path", required: false, nullable: true, default: "(none)", index: 2 },
    ]);
  });

  it("describes a class once and returns the same spec again", () => {
    class Once extends BasePredictor {
      async predict(@Input() text: string) {
        return text;
      }
    }
    assert.equal(describePredictor(Once), describePredictor(Once));
  });
});
