import { describeType, inputTypeOf, isUnionToken, type MemberType } from "../types/type-tokens.js";
import type { TypeResolution } from "./resolve-type.js";

/**
 * A union member the loader could not express as a token: `{ unsupported: "Foo" }` for a type with no
 * run-time value, `{ nestedGeneric: true }` for a list of a union or of a nullable type.
 */
export interface UnionMemberMarker {
  readonly unsupported?: string;
  readonly nestedGeneric?: true;
}

const UNSUPPORTED = "unsupported type: ";
const FIX = "use only string, number (Int for integers), boolean, Object, lists of these, and null as union members";

/**
 * Resolves the members of a union (from `Union(...)` or the loader's hint of `A | B | null`) as Cog
 * 0.21's `resolveInputUnion`: `null` makes it nullable; one member left is a plain type, not a union;
 * Path, Secret, nested unions and lists of unions or of nullable types are definition errors with Cog's wording.
 */
export function resolveUnion(members: readonly unknown[]): TypeResolution {
  const present = members.filter((member) => member !== null && member !== undefined);
  const nullable = present.length < members.length;
  const types: MemberType[] = [];
  for (const member of present) {
    const resolved = resolveMember(member);
    if ("problem" in resolved) return resolved;
    types.push(resolved);
  }
  if (types.length === 0) {
    return {
      problem: `${UNSUPPORTED}union inputs must include at least one non-None type`,
      fix: "add a non-null member, e.g. Union(String, null)",
    };
  }
  const nullableResult = nullable ? { nullable: true as const } : {};
  if (types.length === 1) return { type: types[0], ...nullableResult };
  return { type: { base: "union", list: false, members: types }, ...nullableResult };
}

function resolveMember(member: unknown): MemberType | { readonly problem: string; readonly fix: string } {
  if (isUnionToken(member)) {
    return { problem: `${UNSUPPORTED}nested union inputs are not supported`, fix: "list every member in one Union(...)" };
  }
  const marker = member as UnionMemberMarker;
  if (Array.isArray(member) && member.some((item) => item === null || isUnionToken(item) || Array.isArray(item))) {
    return nestedGeneric();
  }
  if (typeof member === "object" && marker.nestedGeneric === true) return nestedGeneric();
  const type = inputTypeOf(member);
  if (!type) {
    const name = typeof marker?.unsupported === "string" ? marker.unsupported : nameOf(member);
    // A Secret imported with `import type` reaches here by name only.
    const fileLike = /^(?:.*\.)?(Path|Secret|File)(?:\[\])?$/.exec(name)?.[1];
    return fileLike ? notInUnion(fileLike) : { problem: `${UNSUPPORTED}${name}`, fix: FIX };
  }
  if (type.base === "path" || type.base === "secret") return notInUnion(describeType({ base: type.base, list: false }));
  return type;
}

function notInUnion(name: string): { readonly problem: string; readonly fix: string } {
  return { problem: `${UNSUPPORTED}${name} is not supported in union inputs`, fix: `declare a separate ${name} input, or ${FIX}` };
}

function nestedGeneric(): { readonly problem: string; readonly fix: string } {
  return {
    problem: `${UNSUPPORTED}nested generics like List[Optional[X]] are not supported`,
    fix: "make the list's items one non-null type ([String], [Number]…), or declare separate inputs",
  };
}

function nameOf(token: unknown): string {
  if (Array.isArray(token)) return `[${token.map(nameOf).join(", ")}]`;
  return typeof token === "function" ? token.name || "an anonymous class" : String(token);
}
