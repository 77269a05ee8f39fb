import type { Class, ClassMethod, ClassProperty, Module, Param, Pattern, TsTypeAnnotation, TsTypeParameterDeclaration } from "@swc/core";
import { loadSwc } from "./swc.js";
import { type HintScope, typeHintLiteral } from "./type-hint-literal.js";
import { moduleValueBindings } from "./value-bindings.js";

/** `Symbol.for` key of the global `WeakMap` the inserted decorators write to; the SDK reads `MetadataKeys.typeHints`. */
export const TYPE_HINTS_KEY = "tsc-cog.type-hints";

/** A decorator to insert: at `offset` bytes into the UTF-8 source, the hint object literal. */
interface Insertion {
  readonly offset: number;
  readonly literal: string;
}

/**
 * Recovers the types swc's decorator metadata loses (DESIGN §2): before each decorated method's
 * parameter and each decorated property whose annotation is `T | null`, `T[]` or an opaque object
 * type, inserts `@__tscCogTypeHint({ nullable: true, type: T })` (see `typeHintLiteral`), and appends
 * one self-contained, hoisted definition of that decorator. It records each hint into
 * `globalThis[Symbol.for("tsc-cog.type-hints")]`: a `WeakMap` from the decorator's target to a `Map`
 * keyed `"method#index"` or `"property#"`.
 *
 * Only members that already carry a decorator are touched: metadata exists only for those. Text is
 * inserted on the line it belongs to, so line numbers (and the source map) do not shift. A source
 * that does not parse is returned unchanged, for the transform to report the error at its true place.
 */
export function addTypeHints(source: string): string {
  const parsed = parseWithOrigin(source);
  if (parsed === undefined) return source;
  const values = moduleValueBindings(parsed.module);
  const insertions: Insertion[] = [];
  visitClasses(parsed.module, (owner) => {
    const classTypeParameters = typeParameterNames(owner.typeParams);
    for (const member of owner.body) {
      if (member.type === "ClassMethod") insertions.push(...methodHints(member, { values, typeParameters: classTypeParameters }));
      if (member.type === "ClassProperty") insertions.push(...propertyHints(member, { values, typeParameters: classTypeParameters }));
    }
  });
  if (insertions.length === 0) return source;
  const name = helperName(source);
  const bytes = Buffer.from(source, "utf8");
  const pieces: Buffer[] = [];
  let copied = 0;
  for (const { offset, literal } of insertions.map((i) => ({ ...i, offset: i.offset - parsed.origin })).sort((a, b) => a.offset - b.offset)) {
    pieces.push(bytes.subarray(copied, offset), Buffer.from(`@${name}(${literal}) `, "utf8"));
    copied = offset;
  }
  pieces.push(bytes.subarray(copied));
  // Appended, not prepended: a function declaration is hoisted, and line 1 (or a shebang) stays as written.
  return `${Buffer.concat(pieces).toString("utf8")}\n${helperDefinition(name)}\n`;
}

/**
 * Parses `source` behind a leading `;`, whose span gives the byte position of the source's start:
 * swc spans are byte offsets from a base that is not always 0 (it may accumulate across calls in one
 * process, and the Module's own span starts at its first token, after any comment). A shebang is blanked to
 * a comment of the same length so that it may follow the `;`.
 */
function parseWithOrigin(source: string): { module: Module; origin: number } | undefined {
  const text = source.startsWith("#!") ? `//${source.slice(2)}` : source;
  try {
    const module = loadSwc().parseSync(`;${text}`, { syntax: "typescript", decorators: true, target: "es2022" });
    return { module, origin: module.body[0].span.start + 1 };
  } catch {
    return undefined;
  }
}

function visitClasses(node: unknown, visit: (owner: Class) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) visitClasses(child, visit);
  } else if (typeof node === "object" && node !== null) {
    const { type } = node as { type?: unknown };
    if (type === "ClassExpression" || (type === "ClassDeclaration" && !(node as { declare: boolean }).declare)) visit(node as Class);
    for (const child of Object.values(node)) visitClasses(child, visit);
  }
}

function methodHints(method: ClassMethod, scope: HintScope): Insertion[] {
  const fn = method.function;
  // Overloads and abstract methods have no body and may not be decorated; getters/setters take no parameter decorators.
  if (method.kind !== "method" || fn.body === undefined || fn.body === null) return [];
  if (!fn.decorators?.length && !fn.params.some((param) => param.decorators?.length)) return [];
  const methodScope = { ...scope, typeParameters: new Set([...scope.typeParameters, ...typeParameterNames(fn.typeParameters)]) };
  // A `this` parameter is not a run-time parameter: it has no decorator and takes no index.
  const params = fn.params.filter((param) => (param as { type: string }).type === "Parameter");
  return params.flatMap((param: Param) => hintAt(param.span.start, annotationOf(param.pat), methodScope));
}

function propertyHints(property: ClassProperty, scope: HintScope): Insertion[] {
  if (property.declare || property.isAbstract || !property.decorators?.length) return [];
  return hintAt(property.span.start, property.typeAnnotation, scope);
}

function hintAt(offset: number, annotation: TsTypeAnnotation | undefined | null, scope: HintScope): Insertion[] {
  const literal = annotation ? typeHintLiteral(annotation.typeAnnotation, scope) : undefined;
  return literal === undefined ? [] : [{ offset, literal }];
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

/** `__tscCogTypeHint`, or with a numeric suffix if the source already uses that name anywhere. */
function helperName(source: string): string {
  let name = "__tscCogTypeHint";
  for (let n = 1; source.includes(name); n++) name = `__tscCogTypeHint${n}`;
  return name;
}

/** One line of plain JavaScript; it reads every global through `globalThis`, so a user's own `Map` or `String` cannot break it. */
function helperDefinition(name: string): string {
  return `function ${name}(hint) { return function (target, key, index) { const g = globalThis, k = g.Symbol.for("${TYPE_HINTS_KEY}"), all = g[k] || (g[k] = new g.WeakMap()); let hints = all.get(target); if (!hints) all.set(target, (hints = new g.Map())); hints.set(g.String(key) + "#" + (typeof index === "number" ? index : ""), hint); }; }`;
}
