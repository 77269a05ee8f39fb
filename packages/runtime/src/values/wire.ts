import { isPath, isSecret, Path, Secret } from "@tsc-cog/sdk";
import type { WireError, WireValue } from "../worker/protocol.js";

const SECRET_TAG = "$tscCogSecret";
const PATH_TAG = "$tscCogPath";

/** Tags Secrets and Paths (at any depth) so they survive the IPC channel's JSON. */
export function toWire(value: unknown, seen = new WeakSet<object>()): WireValue {
  if (isSecret(value)) return { [SECRET_TAG]: value.getSecretValue() };
  if (isPath(value)) return { [PATH_TAG]: value.path };
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => toWire(item, seen));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v, seen)]));
}

/** Restores Secrets and Paths tagged by {@link toWire}. */
export function fromWire(value: WireValue): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(fromWire);
  const record = value as Record<string, unknown>;
  if (typeof record[SECRET_TAG] === "string" && Object.keys(record).length === 1) return new Secret(record[SECRET_TAG]);
  if (typeof record[PATH_TAG] === "string" && Object.keys(record).length === 1) return new Path(record[PATH_TAG]);
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fromWire(v)]));
}

/** Any thrown value as a {@link WireError}: non-Errors (a string, `undefined`) get a readable message. */
export function toWireError(error: unknown): WireError {
  if (error instanceof Error) {
    const causes: string[] = [];
    for (let cause = error.cause, depth = 0; cause !== undefined && depth < 10; depth++) {
      causes.push(cause instanceof Error ? cause.message : String(cause));
      cause = cause instanceof Error ? cause.cause : undefined;
    }
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      stack: error.stack,
      ...(typeof code === "string" ? { code } : {}),
      ...(causes.length > 0 ? { causes } : {}),
    };
  }
  const message = error === undefined ? "predictor threw undefined" : `predictor threw a non-Error value: ${safeString(error)}`;
  return { name: "Error", message };
}

function safeString(value: unknown): string {
  try {
    return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}
