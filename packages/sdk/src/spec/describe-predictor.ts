import "reflect-metadata";
import type { InputDecoration } from "../input/options.js";
import { parametersOf } from "../input/parameter-names.js";
import { MetadataKeys } from "../metadata/keys.js";
import { classItemsOf, inputClassParameterOf, methodValueOf, parameterInputsOf, typeHintOf } from "../metadata/registry.js";
import { type ConcurrentOptions, MAX_CONCURRENT } from "../predictor/concurrent.js";
import { defaultIssues } from "../validate/validate-value.js";
import { checkOptions } from "./check-options.js";
import { type DefinitionProblem, PredictorDefinitionError } from "./definition-error.js";
import { describeOutput } from "./describe-output.js";
import { resolveType } from "./resolve-type.js";
import type { InputOrigin, InputSpec, PredictorSpec } from "./types.js";

type AnyFunction = (...args: never[]) => unknown;

/** One declared input before it is checked. */
interface Candidate {
  readonly decoration: InputDecoration;
  readonly designType: unknown;
  readonly hint: ReturnType<typeof typeHintOf>;
  readonly sourceName: string | undefined;
  readonly hasInitializer: boolean;
  /** False for a `predict()` parameter without `@Input`/`@SecretInput`. */
  readonly decorated: boolean;
  readonly origin: Omit<InputOrigin, "parameterName">;
  readonly where: string;
}

const cache = new WeakMap<object, PredictorSpec>();

const ASYNC_FUNCTIONS = new Set(["AsyncFunction", "AsyncGeneratorFunction"]);

/**
 * Reads a predictor class's decorators into a {@link PredictorSpec}, running every definition-time
 * check. Throws one {@link PredictorDefinitionError} listing all problems found.
 */
export function describePredictor(predictorClass: abstract new () => object): PredictorSpec {
  const cached = cache.get(predictorClass);
  if (cached) return cached;
  const proto = predictorClass.prototype as Record<string, unknown>;
  const className = predictorClass.name || "Predictor";
  const method = typeof proto.predict === "function" ? "predict" : typeof proto.run === "function" ? "run" : undefined;
  if (!method) {
    throw new PredictorDefinitionError(className, [
      { where: className, problem: "it has no predict() method", fix: "add async predict(...) (or run(...)) to the class" },
    ]);
  }
  const fn = proto[method] as AnyFunction;
  const problems: DefinitionProblem[] = [];
  const params = parametersOf(fn);
  const paramTypes = Reflect.getMetadata("design:paramtypes", proto, method) as unknown[] | undefined;
  const parameterCount = Math.max(params.length, paramTypes?.length ?? 0, fn.length);
  const inputClassIndex = inputClassParameterOf(proto, method);
  const candidates: Candidate[] = [];
  let inputClass: PredictorSpec["inputClass"];
  const parameterAt = (index: number) => {
    const name = params[index]?.name;
    return `${className}.${method}() parameter ${name ? `"${name}" ` : ""}(index ${index})`;
  };

  if (inputClassIndex !== undefined) {
    const cls = paramTypes?.[inputClassIndex];
    const where = parameterAt(inputClassIndex);
    // An `import type`d class is recorded as Function (TypeScript 7) or Object (swc): the class is lost.
    if (typeof cls !== "function" || cls === Object || cls === Function) {
      problems.push({
        where,
        problem: "@Inputs() needs the parameter's class, but decorator metadata does not name one",
        fix: "annotate the parameter with the input class (imported as a value, not `import type`)",
      });
    } else {
      inputClass = { constructor: cls as new () => object, parameterIndex: inputClassIndex };
      if (parameterCount > 1) {
        problems.push({
          where: `${className}.${method}()`,
          problem: "an @Inputs() predictor takes other parameters too",
          fix: "move every input into the input class",
        });
      }
      const probe = instanceOf(cls as new () => object);
      for (const decoration of classItemsOf<InputDecoration>(cls.prototype, MetadataKeys.propertyInputs)) {
        const property = decoration.propertyKey ?? "";
        candidates.push({
          decoration,
          designType: Reflect.getMetadata("design:type", cls.prototype, property),
          hint: typeHintOf(cls.prototype, property),
          sourceName: property,
          hasInitializer: probe[property] !== undefined,
          decorated: true,
          origin: { className, method, parameterIndex: inputClassIndex, property },
          where: `${cls.name}.${property}`,
        });
      }
    }
  } else {
    const decorations = parameterInputsOf(proto, method);
    for (let index = 0; index < parameterCount; index++) {
      const source = params[index];
      candidates.push({
        decoration: decorations.get(index) ?? { kind: "input", options: {} },
        designType: paramTypes?.[index],
        hint: typeHintOf(proto, method, index),
        sourceName: source?.name,
        hasInitializer: source?.hasInitializer ?? false,
        decorated: decorations.has(index),
        origin: { className, method, parameterIndex: index },
        where: parameterAt(index),
      });
    }
  }

  const inputs: InputSpec[] = [];
  for (const candidate of candidates) {
    const spec = describeInput(candidate, inputs.length, problems);
    if (spec) inputs.push(spec);
  }
  const seen = new Map<string, string>();
  for (const [i, spec] of inputs.entries()) {
    const earlier = seen.get(spec.name);
    if (earlier)
      problems.push({
        where: candidates[i].where,
        problem: `the input name "${spec.name}" is already used by ${earlier}`,
        fix: "give one of them another name with name:",
      });
    seen.set(spec.name, candidates[i].where);
  }
  const output = describeOutput(proto, method, fn, `${className}.${method}()`, problems);
  const isAsync = ASYNC_FUNCTIONS.has(fn.constructor.name);
  const maxConcurrency = describeConcurrency(proto, method, isAsync, `${className}.${method}()`, problems);
  if (problems.length > 0) throw new PredictorDefinitionError(className, dedupe(problems));
  const spec: PredictorSpec = { className, method, inputs, output, inputClass, parameterCount, maxConcurrency, isAsync };
  cache.set(predictorClass, spec);
  return spec;
}

function describeInput(candidate: Candidate, order: number, problems: DefinitionProblem[]): InputSpec | undefined {
  const { options, kind } = candidate.decoration;
  const where = candidate.where;
  const add = (problem: string, fix: string) => problems.push({ where, problem, fix });
  const name = options.name ?? candidate.sourceName;
  if (!name) {
    add(
      "its name cannot be read (a destructured parameter?)",
      "give it a name with @Input({ name: ... }), or use an input class with @Inputs()",
    );
    return undefined;
  }
  if (candidate.hasInitializer && options.default === undefined) {
    add(
      "it has a JavaScript default initializer, which the schema cannot see",
      "remove `= ...` and write the value as @Input({ default: ... })",
    );
  }
  const resolved = resolveType({
    explicit: options.type,
    designType: candidate.designType,
    hint: candidate.hint,
    secret: kind === "secret",
    decorated: candidate.decorated,
  });
  if ("problem" in resolved) {
    add(resolved.problem, resolved.fix);
    return undefined;
  }
  const type = resolved.type;
  const optionProblems = checkOptions(options, type);
  for (const p of optionProblems) add(p.problem, p.fix);
  const nullable = options.nullable === true || options.default === null || candidate.hint?.nullable === true || resolved.nullable === true;
  const hasDefault = options.default !== undefined && options.default !== null;
  // Cog: a union is required unless it has a default, even when nullable (`A | B | None = Input(default=None)` is optional).
  const optional = type.base === "union" ? options.default !== undefined : nullable;
  const spec: InputSpec = {
    name,
    order,
    type,
    nullable,
    required: !hasDefault && !optional,
    hasDefault,
    ...(hasDefault ? { default: options.default } : {}),
    ...pick(options, ["description", "ge", "le", "minLength", "maxLength", "choices", "deprecated", "accept"]),
    ...(options.regex !== undefined ? { regex: typeof options.regex === "string" ? options.regex : options.regex.source } : {}),
    origin: { ...candidate.origin, parameterName: candidate.sourceName },
  };
  if (hasDefault && optionProblems.length === 0 && type.base !== "secret") {
    for (const issue of defaultIssues(spec, options.default))
      add(`its default ${JSON.stringify(options.default)} is invalid: ${issue}`, "change the default or the constraint");
  }
  return spec;
}

/** Reads `@Concurrent(...)` into the number of predictions one worker may run at once, with Cog's rules. */
function describeConcurrency(proto: object, method: string, isAsync: boolean, where: string, problems: DefinitionProblem[]): number {
  const options = methodValueOf(proto, MetadataKeys.concurrent, method) as ConcurrentOptions | undefined;
  const max = options?.max ?? 1;
  const add = (problem: string, fix: string) => problems.push({ where, problem, fix });
  if (typeof max !== "number" || !Number.isInteger(max)) {
    add(
      `@Concurrent max must be an integer, got ${JSON.stringify(max) ?? String(max)}`,
      "write @Concurrent({ max: 8 }) with a whole number",
    );
    return 1;
  }
  if (max < 1) {
    add(`@Concurrent max must be at least 1, got ${max}`, "write @Concurrent({ max: 1 }) or more, or remove @Concurrent");
    return 1;
  }
  if (max > MAX_CONCURRENT) {
    add(
      `@Concurrent max is too large: ${max} (at most ${MAX_CONCURRENT})`,
      `use at most ${MAX_CONCURRENT}, and run more worker processes with tsc-cog serve --concurrency`,
    );
    return 1;
  }
  if (max > 1 && !isAsync) {
    add(
      `@Concurrent({ max: ${max} }) runs predictions side by side on one event loop, which needs an async ${method}()`,
      `declare it \`async ${method}(...)\` (or \`async *${method}(...)\`), or drop @Concurrent and run worker processes with tsc-cog serve --concurrency`,
    );
    return 1;
  }
  return max;
}

/** An instance of an input class, to see its property initializers (`steps = 4`); empty if it cannot be built. */
function instanceOf(cls: new () => object): Record<string, unknown> {
  try {
    return new cls() as Record<string, unknown>;
  } catch {
    return {};
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function dedupe(problems: DefinitionProblem[]): DefinitionProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.where}\0${p.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
