import type { JsonValue } from "./openapi.js";

/**
 * A copy of `value` with its `undefined` members dropped and its keys in byte order, the way Go's
 * encoding/json writes a map (Cog builds most schema objects as plain maps). Use it only where Cog
 * uses a plain map; insertion-ordered objects (input properties, components, paths) must not be sorted.
 */
export function sortedObject<T extends object>(value: T): T {
  const entries = Object.entries(value).filter(([, member]) => member !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Same members as T, only reordered (undefined optional members dropped).
  return Object.fromEntries(entries) as T;
}

/**
 * A plain JSON copy of a default value (`undefined` when it has no JSON form, e.g. a function).
 * A copy, so that the document shares nothing with the predictor's options.
 */
export function toJsonValue(value: unknown): JsonValue | undefined {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as JsonValue);
}
