import { isPath, isSecret } from "@tsc-cog/sdk";
import { toWire } from "./wire.js";

/** An output value that cannot be sent as JSON (a BigInt, a function, a cycle…). */
export class OutputEncodingError extends Error {
  constructor(detail: string) {
    super(`the output cannot be serialised as JSON: ${detail}; return plain data (strings, numbers, booleans, arrays, objects, Path)`);
    this.name = "OutputEncodingError";
  }
}

/**
 * Turns a predictor's output into JSON-safe data with Secrets and Paths tagged for the wire:
 * Dates become ISO strings, Maps objects, Sets arrays, objects with `toJSON` their JSON form;
 * BigInts, functions, symbols and cycles are rejected with a message that says where: `where` names
 * the value in it (`output`, or `output[3]` for the fourth streamed item).
 */
export function encodeOutput(value: unknown, where = "output"): unknown {
  return encode(value, where, []);
}

function encode(value: unknown, where: string, ancestors: object[]): unknown {
  if (value === undefined || value === null) return null;
  if (isSecret(value) || isPath(value)) return toWire(value);
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "bigint":
      throw new OutputEncodingError(`${where} is a BigInt`);
    case "function":
    case "symbol":
      throw new OutputEncodingError(`${where} is a ${typeof value}`);
  }
  const object = value as object;
  if (ancestors.includes(object)) throw new OutputEncodingError(`${where} refers back to itself (a cycle)`);
  const inner = [...ancestors, object];
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString();
  if (Array.isArray(object) || object instanceof Set) return [...object].map((item, i) => encode(item, `${where}[${i}]`, inner));
  if (object instanceof Map) return encode(Object.fromEntries(object), where, ancestors);
  if (ArrayBuffer.isView(object)) return Buffer.from(object.buffer, object.byteOffset, object.byteLength).toString("base64");
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return encode(toJSON.call(object), where, ancestors);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    if (item === undefined || typeof item === "function") continue;
    out[key] = encode(item, `${where}.${key}`, inner);
  }
  return out;
}
