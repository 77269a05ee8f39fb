import type { InputDecoration, TypeHint } from "../input/options.js";
import { MetadataKeys } from "./keys.js";

type Holder = Record<symbol, unknown>;

/** The object stored under `key` on `target` itself (not inherited), created by `make` on first use. */
function own<T>(target: object, key: symbol, make: () => T): T {
  if (!Object.hasOwn(target, key)) {
    Object.defineProperty(target, key, { value: make(), enumerable: false, configurable: true });
  }
  return (target as Holder)[key] as T;
}

/** Records a parameter decoration of `method` at `index`. */
export function recordParameterInput(prototype: object, method: string, index: number, decoration: InputDecoration): void {
  const byMethod = own(prototype, MetadataKeys.parameterInputs, () => new Map<string, Map<number, InputDecoration>>());
  const byIndex = byMethod.get(method) ?? new Map<number, InputDecoration>();
  byIndex.set(index, decoration);
  byMethod.set(method, byIndex);
}

/** The parameter decorations of `method`, by index (looked up along the prototype chain). */
export function parameterInputsOf(prototype: object, method: string): ReadonlyMap<number, InputDecoration> {
  for (let p: object | null = prototype; p; p = Object.getPrototypeOf(p)) {
    const byMethod = Object.hasOwn(p, MetadataKeys.parameterInputs)
      ? ((p as Holder)[MetadataKeys.parameterInputs] as Map<string, Map<number, InputDecoration>>)
      : undefined;
    const found = byMethod?.get(method);
    if (found) return found;
  }
  return new Map();
}

/** Records that parameter `index` of `method` is an input class (`@Inputs()`). */
export function recordInputClassParameter(prototype: object, method: string, index: number): void {
  own(prototype, MetadataKeys.inputClassParameter, () => new Map<string, number>()).set(method, index);
}

/** The index of `method`'s `@Inputs()` parameter, if any. */
export function inputClassParameterOf(prototype: object, method: string): number | undefined {
  const map = (prototype as Holder)[MetadataKeys.inputClassParameter] as Map<string, number> | undefined;
  return map?.get(method);
}

/** Records a method-level declaration (the `@Output` type) under `key`. */
export function recordMethodValue(prototype: object, key: symbol, method: string, value: unknown): void {
  own(prototype, key, () => new Map<string, unknown>()).set(method, value);
}

/** A method-level declaration recorded with {@link recordMethodValue} (inherited ones count). */
export function methodValueOf(prototype: object, key: symbol, method: string): unknown {
  return ((prototype as Holder)[key] as Map<string, unknown> | undefined)?.get(method);
}

/** Appends to a per-class list (output fields) in declaration order. */
export function recordClassItem<T>(prototype: object, key: symbol, item: T): void {
  own(prototype, key, () => [] as T[]).push(item);
}

/** The per-class list recorded with {@link recordClassItem}, base classes' first. */
export function classItemsOf<T>(prototype: object, key: symbol): T[] {
  const chain: object[] = [];
  for (let p: object | null = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) chain.unshift(p);
  return chain.flatMap((p) => (Object.hasOwn(p, key) ? ((p as Holder)[key] as T[]) : []));
}

/** The loader's type hint for a parameter (`index` given) or property of `prototype`. */
export function typeHintOf(prototype: object, member: string, index?: number): TypeHint | undefined {
  const hints = (globalThis as Holder)[MetadataKeys.typeHints] as WeakMap<object, Map<string, TypeHint>> | undefined;
  return hints?.get(prototype)?.get(`${member}#${index ?? ""}`);
}
