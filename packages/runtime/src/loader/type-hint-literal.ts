import type { TsEntityName, TsType, TsTypeReference, TsUnionType } from "@swc/core";

/** What a type annotation may refer to as a run-time value, where it appears. */
export interface HintScope {
  /** Module-level value bindings (see `moduleValueBindings`). */
  readonly values: ReadonlySet<string>;
  /** Type parameters of the enclosing class and method, which shadow module names. */
  readonly typeParameters: ReadonlySet<string>;
}

const KEYWORD_TOKENS: Partial<Record<string, string>> = { string: "String", number: "Number", boolean: "Boolean", object: "Object" };

/**
 * The source text of the type hint object for an annotation whose decorator metadata swc loses, or
 * `undefined` when swc's metadata is already right or nothing better can be said:
 *
 * - `T | null`, `T | undefined` → `{ nullable: true, type: T }` (`type` left out when `T` has no
 *   run-time value, e.g. a class imported with `import type`);
 * - `T[]`, `Array<T>`, `readonly T[]` → `{ type: [T] }`;
 * - `Record<…>`, `{ … }`, `object` → `{ type: Object }` (an opaque JSON object).
 *
 * - a union of two or more non-null types (`string | number | null`) → `{ nullable: true, union: [String, Number] }`,
 *   a member with no token written as a marker the SDK reports (`{ unsupported: "Meta" }`,
 *   `{ nestedGeneric: true }` for a list of a union). A union of literals (`'fast' | 'slow'`) gets none:
 *   its metadata (String) is right.
 *
 * `any` and `unknown` get none either: they do not say the value is an object.
 */
export function typeHintLiteral(annotation: TsType, scope: HintScope): string | undefined {
  const type = unparenthesized(annotation);
  if (type.type === "TsUnionType") {
    const members = unionMembers(type);
    const present = members.filter(
      (member) => !(member.type === "TsKeywordType" && (member.kind === "null" || member.kind === "undefined")),
    );
    if (present.length === 0 || present.some((member) => member.type === "TsLiteralType")) return undefined;
    const nullable = present.length < members.length ? "nullable: true, " : "";
    if (present.length > 1) return `{ ${nullable}union: [${present.map((member) => memberToken(member, scope)).join(", ")}] }`;
    if (!nullable) return undefined;
    const token = typeToken(present[0], scope);
    return token === undefined ? "{ nullable: true }" : `{ nullable: true, type: ${token} }`;
  }
  const token = typeToken(type, scope);
  // A plain class or keyword survives in swc's metadata; only lists and opaque objects need a hint.
  return token === "Object" || token?.startsWith("[") ? `{ type: ${token} }` : undefined;
}

/** A union's members, with parenthesized unions inside it flattened (`a | (b | c)` is `a | b | c` in TypeScript). */
function unionMembers(union: TsUnionType): TsType[] {
  return union.types.map(unparenthesized).flatMap((member) => (member.type === "TsUnionType" ? unionMembers(member) : [member]));
}

/** A union member's token, or a marker object saying why it has none. */
function memberToken(member: TsType, scope: HintScope): string {
  const token = typeToken(member, scope);
  if (token !== undefined) return token;
  const item = listItem(member);
  if (item?.type === "TsUnionType") return "{ nestedGeneric: true }";
  return `{ unsupported: ${JSON.stringify(typeName(member))} }`;
}

function listItem(type: TsType): TsType | undefined {
  if (type.type === "TsArrayType") return unparenthesized(type.elemType);
  if (type.type === "TsTypeReference" && ["Array", "ReadonlyArray"].includes(entityName(type.typeName))) {
    const argument = type.typeParams?.params[0];
    return argument ? unparenthesized(argument) : undefined;
  }
  if (type.type === "TsTypeOperator" && type.op === "readonly") return listItem(unparenthesized(type.typeAnnotation));
  return undefined;
}

/** A short name of a type for the SDK's message. */
function typeName(type: TsType): string {
  if (type.type === "TsKeywordType") return type.kind;
  if (type.type === "TsTypeReference") return entityName(type.typeName);
  const item = listItem(type);
  return item ? `${typeName(item)}[]` : "this type";
}

/** The expression naming a type's run-time token (`String`, `Path`, `[Number]`, `Object`), if it has one. */
function typeToken(annotation: TsType, scope: HintScope): string | undefined {
  const type = unparenthesized(annotation);
  switch (type.type) {
    case "TsKeywordType":
      return KEYWORD_TOKENS[type.kind];
    case "TsTypeLiteral":
      return "Object";
    case "TsArrayType":
      return listOf(typeToken(type.elemType, scope));
    case "TsTypeOperator":
      return type.op === "readonly" ? typeToken(type.typeAnnotation, scope) : undefined;
    case "TsTypeReference":
      return referenceToken(type, scope);
    default:
      return undefined;
  }
}

function referenceToken(reference: TsTypeReference, scope: HintScope): string | undefined {
  const name = entityName(reference.typeName);
  const typeArguments = reference.typeParams?.params ?? [];
  if (name === "Array" || name === "ReadonlyArray")
    return typeArguments.length === 1 ? listOf(typeToken(typeArguments[0], scope)) : undefined;
  if (name === "Record") return "Object";
  const root = name.split(".")[0];
  return scope.values.has(root) && !scope.typeParameters.has(root) ? name : undefined;
}

function entityName(name: TsEntityName): string {
  return name.type === "Identifier" ? name.value : `${entityName(name.left)}.${name.right.value}`;
}

function listOf(item: string | undefined): string | undefined {
  return item === undefined ? undefined : `[${item}]`;
}

function unparenthesized(type: TsType): TsType {
  return type.type === "TsParenthesizedType" ? unparenthesized(type.typeAnnotation) : type;
}
