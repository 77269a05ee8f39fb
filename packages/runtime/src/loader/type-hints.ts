import type {
  Class,
  ClassDeclaration,
  ClassExpression,
  ClassMethod,
  ClassProperty,
  Module,
  Param,
  Pattern,
  TsTypeAnnotation,
  TsTypeParameterDeclaration,
} from "@swc/core";
import { forEachNode, type Insertion } from "./source-edits.js";
import { type HintScope, typeHintLiteral } from "./type-hint-literal.js";
import { moduleValueBindings } from "./value-bindings.js";

/** `Symbol.for` key of the global `WeakMap` the hint decorators write to; the SDK reads it as `MetadataKeys.typeHints`. */
export const TYPE_HINTS_KEY = "tsc-cog.type-hints";

/**
 * The decorators that recover the types swc's decorator metadata loses (DESIGN §2): before each
 * decorated method's parameter and each decorated property whose annotation is `T | null`, `T[]` or
 * an opaque object type, `@<decorator>({ nullable: true, type: T }) ` (see `typeHintLiteral`).
 * Only members that already carry a decorator get one, as only those get metadata. Each insertion
 * is on the line it belongs to, so line numbers (and the source map) do not shift.
 *
 * @param decorator the name the module's definition of the decorator has (see {@link typeHintDecoratorName}).
 */
export function typeHintInsertions(module: Module, decorator: string): Insertion[] {
  const values = moduleValueBindings(module);
  const insertions: Insertion[] = [];
  forEachNode(module, (node) => {
    const owner = classOf(node);
    if (owner === undefined) return;
    const scope = { values, typeParameters: typeParameterNames(owner.typeParams) };
    for (const member of owner.body) {
      if (member.type === "ClassMethod") insertions.push(...methodHints(member, scope));
      if (member.type === "ClassProperty") insertions.push(...propertyHints(member, scope));
    }
  });
  return insertions.map(({ position, text }) => ({ position, text: `@${decorator}(${text}) ` }));
}

/** `__tscCogTypeHint`, or with a numeric suffix if the source already uses that name anywhere. */
export function typeHintDecoratorName(source: string): string {
  let name = "__tscCogTypeHint";
  for (let n = 1; source.includes(name); n++) name = `__tscCogTypeHint${n}`;
  return name;
}

/**
 * The decorator's definition: one line of plain JavaScript with no imports, to append to the module
 * (a function declaration is hoisted). It records each hint into
 * `globalThis[Symbol.for("tsc-cog.type-hints")]`, a `WeakMap` from the decorator's target (the
 * prototype, or the class for static members) to a `Map` keyed `"method#index"` or `"property#"`.
 * Every global is read through `globalThis`, so a user's own `Map` or `String` cannot break it.
 */
export function typeHintDecorator(name: string): string {
  return `function ${name}(hint) { return function (target, key, index) { const g = globalThis, k = g.Symbol.for("${TYPE_HINTS_KEY}"), all = g[k] || (g[k] = new g.WeakMap()); let hints = all.get(target); if (!hints) all.set(target, (hints = new g.Map())); hints.set(g.String(key) + "#" + (typeof index === "number" ? index : ""), hint); }; }`;
}

/** A class declaration (a `declare class` has no run-time body to decorate) or a class expression. */
function classOf(node: { readonly type: string }): Class | undefined {
  if (node.type === "ClassExpression") return node as unknown as ClassExpression;
  if (node.type !== "ClassDeclaration") return undefined;
  const declaration = node as unknown as ClassDeclaration;
  return declaration.declare ? undefined : declaration;
}

function methodHints(method: ClassMethod, scope: HintScope): Insertion[] {
  const fn = method.function;
  // Overloads and abstract methods have no body and may not be decorated; accessors take no parameter decorators.
  if (method.kind !== "method" || !fn.body) return [];
  if (!fn.decorators?.length && !fn.params.some((param) => param.decorators?.length)) return [];
  const methodScope = { ...scope, typeParameters: new Set([...scope.typeParameters, ...typeParameterNames(fn.typeParameters)]) };
  // A `this` parameter is not a run-time parameter: it takes no index.
  const params = fn.params.filter((param) => (param as { type: string }).type === "Parameter");
  return params.flatMap((param: Param) => hintAt(param.span.start, annotationOf(param.pat), methodScope));
}

function propertyHints(property: ClassProperty, scope: HintScope): Insertion[] {
  if (property.declare || property.isAbstract || !property.decorators?.length) return [];
  // The span starts at the first decorator, before any modifier: where a decorator may go.
  return hintAt(property.span.start, property.typeAnnotation, scope);
}

function hintAt(position: number, annotation: TsTypeAnnotation | undefined | null, scope: HintScope): Insertion[] {
  const literal = annotation ? typeHintLiteral(annotation.typeAnnotation, scope) : undefined;
  return literal === undefined ? [] : [{ position, text: literal }];
}

function annotationOf(pattern: Pattern): TsTypeAnnotation | undefined {
  switch (pattern.type) {
    case "AssignmentPattern":
      return pattern.typeAnnotation ?? annotationOf(pattern.left);
    case "Identifier":
    case "RestElement":
    case "ArrayPattern":
    case "ObjectPattern":
      // Binding identifiers carry an annotation; swc's types merge them with expression identifiers.
      return (pattern as { typeAnnotation?: TsTypeAnnotation | null }).typeAnnotation ?? undefined;
    default:
      return undefined;
  }
}

function typeParameterNames(declaration: TsTypeParameterDeclaration | undefined | null): Set<string> {
  return new Set(declaration?.parameters.map((parameter) => parameter.name.value));
}
