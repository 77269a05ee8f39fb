import { metricNameProblem } from "./metric-name.js";

/** A metric's value: what Cog accepts (bool, int, float, str, list, dict). */
export type MetricValue = boolean | number | string | readonly unknown[] | { readonly [key: string]: unknown };

/**
 * How {@link MetricSet.record} combines a value with the one recorded before: `replace` (the
 * default) overwrites, `incr` (alias `increment`) adds to a number, `append` adds to a list (an
 * earlier single value becomes the list's first item).
 */
export type MetricMode = "replace" | "incr" | "increment" | "append";

type Json = Record<string, unknown>;

/**
 * The metrics one prediction records, merged as Cog's server merges them: a dot-path key
 * (`timing.load`) builds nested objects. Misuse throws with Cog's messages, so a bad name fails the
 * prediction that recorded it.
 */
export class MetricSet {
  readonly #metrics: Json = {};

  /** Records `value` under `key` with `mode`; throws a `TypeError` or `RangeError` on misuse. */
  record(key: string, value: MetricValue, mode: MetricMode | null = "replace"): void {
    const how = modeOf(mode);
    const type = typeName(value);
    if (type === undefined)
      throw new TypeError(`Unsupported metric value type: ${describeType(value)}. Expected bool, int, float, str, list, or dict.`);
    const problem = metricNameProblem(key);
    if (problem) throw new RangeError(problem);
    if (how === "incr" && typeof value !== "number") throw new TypeError(`Increment mode requires int or float, got ${type}`);
    const path = key.split(".");
    const leaf = path.pop() as string;
    let parent = this.#metrics;
    for (const segment of path) {
      const next = parent[segment];
      if (!isObject(next)) parent[segment] = {};
      parent = parent[segment] as Json;
    }
    const old = parent[leaf];
    if (how === "replace") {
      const oldType = old === undefined ? undefined : typeName(old as MetricValue);
      if (oldType !== undefined && kindOf(oldType) !== kindOf(type))
        throw new TypeError(`Metric '${key}' has type ${oldType}, cannot set to ${type} without deleting first`);
      parent[leaf] = value;
    } else if (how === "incr") {
      if (old === undefined) parent[leaf] = value;
      // Cog's server ignores an increment of a value that is not a number.
      else if (typeof old === "number") parent[leaf] = old + (value as number);
    } else parent[leaf] = Array.isArray(old) ? [...old, value] : old === undefined ? [value] : [old, value];
  }

  /** What was recorded, as a plain object (`JSON.stringify` copies it). */
  toJSON(): Record<string, unknown> {
    return this.#metrics;
  }
}

function modeOf(mode: MetricMode | null | undefined): "replace" | "incr" | "append" {
  if (mode === null || mode === undefined || mode === "replace") return "replace";
  if (mode === "incr" || mode === "increment") return "incr";
  if (mode === "append") return "append";
  throw new TypeError(`Invalid metric mode: '${String(mode)}'. Expected 'replace', 'incr', or 'append'.`);
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** Cog's (Python's) name of a metric value's type, or `undefined` when it is not one. */
function typeName(value: unknown): string | undefined {
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "str";
  if (Array.isArray(value)) return "list";
  if (isObject(value)) return "dict";
  return undefined;
}

/** int and float are both numbers: replacing one with the other is no change of type. */
const kindOf = (type: string) => (type === "float" ? "int" : type);

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return (value as object).constructor?.name ?? "object";
  return typeof value;
}
