import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describePredictor } from "../engine.js";
import { BasePredictor, type DefinitionProblem, Input, Int, Path, PredictorDefinitionError, Secret, Union } from "../index.js";

type PredictorClass = abstract new () => object;

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

/** Sets the swc loader's hint for `predict()`'s first parameter, as the `.ts` loader would. */
function hint(predictor: PredictorClass, value: { nullable?: boolean; union?: unknown[] }): void {
  const key = Symbol.for("tsc-cog.type-hints");
  const registry = globalThis as unknown as Record<symbol, WeakMap<object, Map<string, unknown>>>;
  registry[key] ??= new WeakMap();
  registry[key].set(predictor.prototype, new Map([["predict#0", value]]));
}

const where = (cls: string) => `${cls}.predict() parameter "value" (index 0)`;
const FIX = "use only string, number (Int for integers), boolean, Object, lists of these, and null as union members";

class PathMember extends BasePredictor {
  async predict(@Input({ type: Union(Path, String) }) value: Path | string) {
    return value;
  }
}
class SecretListMember extends BasePredictor {
  async predict(@Input({ type: Union([Secret], String) }) value: Secret[] | string) {
    return value;
  }
}
class NestedUnion extends BasePredictor {
  async predict(@Input({ type: Union(String, Union(Number, Boolean) as never) }) value: string | number | boolean) {
    return value;
  }
}
class ListOfUnion extends BasePredictor {
  async predict(@Input({ type: Union([Union(String, Number)] as never, Number) }) value: unknown) {
    return value;
  }
}
class OnlyNull extends BasePredictor {
  async predict(@Input({ type: Union(null) }) value: null) {
    return value;
  }
}
class Constrained extends BasePredictor {
  async predict(@Input({ type: Union(String, Number), ge: 1, choices: ["a", "b"] }) value: string | number) {
    return value;
  }
}
class BadDefault extends BasePredictor {
  async predict(@Input({ type: Union(String, Number), default: true }) value: string | number) {
    return value;
  }
}
class HintedNullableListItem extends BasePredictor {
  async predict(@Input() value: unknown) {
    return value;
  }
}
hint(HintedNullableListItem, { union: [{ nestedGeneric: true }, Number] });
class HintedTypeOnlySecret extends BasePredictor {
  async predict(@Input() value: unknown) {
    return value;
  }
}
hint(HintedTypeOnlySecret, { union: [{ unsupported: "Secret" }, String] });
class HintedInterface extends BasePredictor {
  async predict(@Input() value: unknown) {
    return value;
  }
}
hint(HintedInterface, { union: [{ unsupported: "Meta" }, String] });

const rejected: { name: string; predictor: PredictorClass; problem: string; fix: string }[] = [
  {
    name: "a Path member",
    predictor: PathMember,
    problem: "unsupported type: Path is not supported in union inputs",
    fix: `declare a separate Path input, or ${FIX}`,
  },
  {
    name: "a list of Secret member",
    predictor: SecretListMember,
    problem: "unsupported type: Secret is not supported in union inputs",
    fix: `declare a separate Secret input, or ${FIX}`,
  },
  {
    name: "a Secret imported with `import type` (a .ts hint)",
    predictor: HintedTypeOnlySecret,
    problem: "unsupported type: Secret is not supported in union inputs",
    fix: `declare a separate Secret input, or ${FIX}`,
  },
  {
    name: "a nested union",
    predictor: NestedUnion,
    problem: "unsupported type: nested union inputs are not supported",
    fix: "list every member in one Union(...)",
  },
  {
    name: "a list of a union",
    predictor: ListOfUnion,
    problem: "unsupported type: nested generics like List[Optional[X]] are not supported",
    fix: "make the list's items one non-null type ([String], [Number]…), or declare separate inputs",
  },
  {
    name: "a list of a nullable type (a .ts hint of `(string | null)[] | number`)",
    predictor: HintedNullableListItem,
    problem: "unsupported type: nested generics like List[Optional[X]] are not supported",
    fix: "make the list's items one non-null type ([String], [Number]…), or declare separate inputs",
  },
  {
    name: "a union of null only",
    predictor: OnlyNull,
    problem: "unsupported type: union inputs must include at least one non-None type",
    fix: "add a non-null member, e.g. Union(String, null)",
  },
  {
    name: "constraints and choices on a union",
    predictor: Constrained,
    problem: "unsupported type: constraints and choices are not supported on union inputs",
    fix: "remove ge/le/minLength/maxLength/regex/choices, or declare the input as one type",
  },
  {
    name: "a member type tsc-cog does not know (a .ts hint of `Meta | string`)",
    predictor: HintedInterface,
    problem: "unsupported type: Meta",
    fix: FIX,
  },
  {
    name: "a default no member accepts",
    predictor: BadDefault,
    problem: "its default true is invalid: expected string or number, got boolean",
    fix: "change the default or the constraint",
  },
];

describe("union inputs: definition errors with Cog's wording", () => {
  for (const { name, predictor, problem, fix } of rejected) {
    it(`rejects ${name}`, () => {
      assert.deepEqual(problemsOf(predictor), [{ where: where(predictor.name), problem, fix }]);
    });
  }
});

describe("union inputs: the spec", () => {
  it("reads Union(String, Number) as a required union in member order", () => {
    class Either extends BasePredictor {
      async predict(@Input({ type: Union(String, Int, [Number], Boolean, Object) }) value: unknown) {
        return value;
      }
    }
    const [input] = describePredictor(Either).inputs;
    assert.deepEqual(input.type, {
      base: "union",
      list: false,
      members: [
        { base: "string", list: false },
        { base: "integer", list: false },
        { base: "number", list: true },
        { base: "boolean", list: false },
        { base: "object", list: false },
      ],
    });
    assert.equal(input.required, true);
    assert.equal(input.nullable, false);
  });

  it("keeps a bare nullable union required, and makes it optional with default: null (as Cog)", () => {
    class Nullable extends BasePredictor {
      async predict(
        @Input({ type: Union(String, Number, null) }) value: string | number | null,
        @Input({ type: Union(String, Number, null), default: null }) other: string | number | null,
      ) {
        return [value, other];
      }
    }
    const [bare, optional] = describePredictor(Nullable).inputs;
    assert.deepEqual([bare.nullable, bare.required], [true, true]);
    assert.deepEqual([optional.nullable, optional.required, optional.hasDefault], [true, false, false]);
  });

  it("reads one member and null as a plain nullable input, not a union", () => {
    class Single extends BasePredictor {
      async predict(@Input({ type: Union(String, null) }) value: string | null) {
        return value;
      }
    }
    const [input] = describePredictor(Single).inputs;
    assert.deepEqual([input.type, input.nullable, input.required], [{ base: "string", list: false }, true, false]);
  });

  it("reads the .ts loader's union hint, with its null", () => {
    class Hinted extends BasePredictor {
      async predict(@Input({ default: 5 }) value: string | number | null) {
        return value;
      }
    }
    hint(Hinted, { nullable: true, union: [String, Number] });
    const [input] = describePredictor(Hinted).inputs;
    assert.equal(input.type.base, "union");
    assert.deepEqual([input.nullable, input.required, input.default], [true, false, 5]);
  });

  it("rejects Union(...) on a plain annotation that is none of its members", () => {
    class Mismatch extends BasePredictor {
      async predict(@Input({ type: Union(String, Number) }) value: boolean) {
        return value;
      }
    }
    assert.deepEqual(problemsOf(Mismatch), [
      {
        where: where("Mismatch"),
        problem: "type: Union(String, Number) does not match the declared TypeScript type Boolean",
        fix: "annotate the parameter with the union (e.g. string | number)",
      },
    ]);
  });
});
