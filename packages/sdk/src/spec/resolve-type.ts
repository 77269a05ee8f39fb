import type { TypeHint } from "../input/options.js";
import { baseTypeOf, type InputType, inputTypeOf, isUnionToken } from "../types/type-tokens.js";
import { resolveUnion } from "./resolve-union.js";

/** What is known about one declared value's type, from every source. */
export interface TypeEvidence {
  /** `type:` as written in the options. */
  readonly explicit?: unknown;
  /** `design:paramtypes[i]` / `design:type`; `undefined` when no metadata was emitted. */
  readonly designType: unknown;
  readonly hint?: TypeHint;
  /** For `@SecretInput`: the type must be Secret or [Secret]. */
  readonly secret?: boolean;
  /** False for a parameter without a decorator: TypeScript records no types for a method without decorators. */
  readonly decorated?: boolean;
}

/** The resolved type (`nullable` when it came from a union with `null`), or a problem and its fix. */
export type TypeResolution = { readonly type: InputType; readonly nullable?: true } | { readonly problem: string; readonly fix: string };

const SUPPORTED = "string, number (type: Int for integers), boolean, Path, Secret, Object, or a list of one of these ([String], [Int]…)";

function nameOf(token: unknown): string {
  if (isUnionToken(token)) return `Union(${token.members.map(nameOf).join(", ")})`;
  if (Array.isArray(token)) return `[${token.map(nameOf).join(", ")}]`;
  return typeof token === "function" ? token.name || "an anonymous class" : String(token);
}

/**
 * Resolves a declared type: `type:` first (checked against the annotation), then the loader's hint,
 * then decorator metadata. `Object`, `Function` and `Array` from metadata are not enough: they mean the
 * real type was lost (a union, an `import type`, an array), so the fix asks for `type:`.
 */
export function resolveType(evidence: TypeEvidence): TypeResolution {
  const { explicit, designType, hint } = evidence;
  if (evidence.secret) {
    const declared = baseTypeOf(designType);
    if (declared !== undefined && declared !== "secret" && declared !== "object") {
      return {
        problem: `@SecretInput gives a Secret, but the parameter is declared as ${nameOf(designType)}`,
        fix: 'annotate it as Secret (import { Secret } from "@tsc-cog/sdk") and read the value with getSecretValue()',
      };
    }
    if (explicit === undefined) {
      const list = designType === Array || inputTypeOf(hint?.type)?.list === true;
      return { type: { base: "secret", list } };
    }
    const type = inputTypeOf(explicit);
    if (type?.base === "secret") return { type };
    return {
      problem: `@SecretInput declares type ${nameOf(explicit)}`,
      fix: "use type: Secret or type: [Secret], or @Input for a non-secret input",
    };
  }
  if (isUnionToken(explicit)) {
    const resolved = resolveUnion(explicit.members);
    const declared = baseTypeOf(designType);
    // TypeScript records a union annotation as Object; a plain annotation must be one of the members.
    if ("type" in resolved && resolved.type.base === "union" && declared !== undefined && declared !== "object") {
      const members = resolved.type.members;
      if (!members.some((m) => !m.list && (m.base === declared || (declared === "number" && m.base === "integer")))) {
        return {
          problem: `type: ${nameOf(explicit)} does not match the declared TypeScript type ${nameOf(designType)}`,
          fix: "annotate the parameter with the union (e.g. string | number)",
        };
      }
    }
    return resolved;
  }
  if (explicit !== undefined) {
    const type = inputTypeOf(explicit);
    if (!type) return { problem: `type ${nameOf(explicit)} is not supported`, fix: `use one of ${SUPPORTED}` };
    const declared = designType === Array ? "array" : baseTypeOf(designType);
    const compatible =
      declared === undefined ||
      declared === "object" ||
      (declared === "array" ? type.list : !type.list && (declared === type.base || (declared === "number" && type.base === "integer")));
    if (!compatible) {
      return {
        problem: `type: ${nameOf(explicit)} does not match the declared TypeScript type ${nameOf(designType)}`,
        fix: "make the annotation and type: agree (a list annotation needs type: [T])",
      };
    }
    return { type };
  }
  if (hint?.union !== undefined) return resolveUnion(hint.nullable ? [...hint.union, null] : hint.union);
  if (hint?.type !== undefined) {
    const type = inputTypeOf(hint.type);
    if (type) return { type };
    return { problem: `type ${nameOf(hint.type)} is not supported`, fix: `use one of ${SUPPORTED}` };
  }
  if (designType === undefined) {
    return {
      problem: "its type is unknown: no decorator metadata was emitted",
      fix:
        evidence.decorated === false
          ? "add @Input() to it (TypeScript records parameter types only for methods that have a decorator)"
          : 'enable "experimentalDecorators" and "emitDecoratorMetadata" in tsconfig.json (tsc-cog\'s loader does this for .ts files), or give the type with @Input({ type: ... })',
    };
  }
  if (designType === Array) {
    return {
      problem: "it is an array without an item type",
      fix: "add type: [String] (or [Int], [Number], [Boolean], [Path], [Secret], [Object])",
    };
  }
  // TypeScript 7 records a class imported with `import type` as Function, a union or interface as Object.
  if (designType === Object || designType === Function) {
    return {
      problem: `its type is ${nameOf(designType)} at run time, so tsc-cog cannot tell what it is`,
      fix: "give the type with type: (TypeScript records a union such as `number | null` as Object: add type: Number); if the annotation names a class imported with `import type` (e.g. Secret), import it as a value; for an opaque JSON object add type: Object",
    };
  }
  const type = inputTypeOf(designType);
  if (type) return { type };
  return { problem: `type ${nameOf(designType)} is not supported`, fix: `use one of ${SUPPORTED}` };
}
