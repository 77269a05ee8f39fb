import "reflect-metadata";
import { MetadataKeys } from "../metadata/keys.js";
import { classItemsOf, methodValueOf, typeHintOf } from "../metadata/registry.js";
import type { FieldDecoration } from "../output/decorators.js";
import { inputTypeOf } from "../types/type-tokens.js";
import type { DefinitionProblem } from "./definition-error.js";
import { resolveType } from "./resolve-type.js";
import type { FieldSpec, OutputShape, OutputSpec } from "./types.js";

const GENERATORS = new Set(["GeneratorFunction", "AsyncGeneratorFunction"]);

/** Reads `@Output(...)` (and whether predict() is a generator) into an {@link OutputSpec}, with `@Streaming()`. */
export function describeOutput(
  proto: object,
  method: string,
  fn: (...args: never[]) => unknown,
  where: string,
  problems: DefinitionProblem[],
): OutputSpec {
  const output = describeDeclaredOutput(proto, method, fn, where, problems);
  if (methodValueOf(proto, MetadataKeys.streaming, method) !== true) return output;
  if (!output.iterator)
    problems.push({
      where,
      problem: "@Streaming() needs a streamed output, but it returns one value",
      fix: "make it a generator (async *predict() { yield … }), declare @Output({ iterator: T }) or @Output({ concatenate: true }), or remove @Streaming()",
    });
  return { ...output, streaming: true };
}

function describeDeclaredOutput(
  proto: object,
  method: string,
  fn: (...args: never[]) => unknown,
  where: string,
  problems: DefinitionProblem[],
): OutputSpec {
  const declaration = methodValueOf(proto, MetadataKeys.output, method);
  const generator = GENERATORS.has(fn.constructor.name);
  if (declaration === undefined) return { shape: { kind: "any" }, iterator: generator, concatenate: false };
  if (typeof declaration === "object" && declaration !== null && !Array.isArray(declaration)) {
    if ("concatenate" in declaration)
      return { shape: { kind: "type", type: { base: "string", list: false } }, iterator: true, concatenate: true };
    if ("iterator" in declaration) return { shape: shapeOf(declaration.iterator, where, problems), iterator: true, concatenate: false };
  }
  return { shape: shapeOf(declaration, where, problems), iterator: generator, concatenate: false };
}

function shapeOf(declaration: unknown, where: string, problems: DefinitionProblem[]): OutputShape {
  const type = inputTypeOf(declaration);
  if (type) return { kind: "type", type };
  const list = Array.isArray(declaration) && declaration.length === 1;
  const cls = list ? (declaration as unknown[])[0] : declaration;
  if (typeof cls === "function") {
    const fields = classItemsOf<FieldDecoration>(cls.prototype, MetadataKeys.outputFields);
    if (fields.length > 0)
      return {
        kind: "object",
        fields: fields.map((f) => describeField(cls as { name: string; prototype: object }, f, problems)).filter((f) => f !== undefined),
        list,
      };
  }
  problems.push({
    where,
    problem: `@Output(${typeof cls === "function" ? cls.name : String(cls)}) is not a supported output type`,
    fix: "use String, Int, Number, Boolean, Path, Secret, Object, [T], an output class with @Field() properties, { iterator: T } or { concatenate: true }",
  });
  return { kind: "any" };
}

function describeField(
  cls: { name: string; prototype: object },
  field: FieldDecoration,
  problems: DefinitionProblem[],
): FieldSpec | undefined {
  const hint = typeHintOf(cls.prototype, field.propertyKey);
  const resolved = resolveType({
    explicit: field.options.type,
    designType: Reflect.getMetadata("design:type", cls.prototype, field.propertyKey),
    hint,
  });
  if ("problem" in resolved) {
    problems.push({ where: `${cls.name}.${field.propertyKey}`, problem: resolved.problem, fix: resolved.fix });
    return undefined;
  }
  return {
    name: field.propertyKey,
    type: resolved.type,
    nullable: field.options.nullable === true || hint?.nullable === true,
    ...(field.options.description !== undefined ? { description: field.options.description } : {}),
  };
}
