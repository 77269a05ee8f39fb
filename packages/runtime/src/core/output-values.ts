import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Readable } from "node:stream";
import { isPath, isSecret, type Path, SECRET_MASK } from "@tsc-cog/sdk";
import type { Redactor } from "@tsc-cog/sdk/engine";
import { fromWire } from "../values/wire.js";
import type { WireValue } from "../worker/protocol.js";
import { mediaTypeOf, plainExtension } from "./media-types.js";

/** Nesting beyond this is returned as it is (outputs come from JSON-like data; a deeper one is a bug). */
const MAX_DEPTH = 256;

/**
 * A predictor's output as callers may show it: decoded from the wire, every Secret as `**********`,
 * every string, object key and number that is a secret redacted, and every returned file kept as a
 * {@link Path} (at any depth) for the caller to materialise with {@link replacePaths}.
 */
export function presentOutput(wire: WireValue, redactor: Redactor): unknown {
  return present(fromWire(wire), redactor, 0);
}

function present(value: unknown, redactor: Redactor, depth: number): unknown {
  if (value === undefined || value === null) return null;
  if (isSecret(value)) return SECRET_MASK;
  if (isPath(value)) return value;
  if (typeof value !== "object" || depth > MAX_DEPTH) return redactor.isEmpty ? value : redactor.redactValue(value);
  if (Array.isArray(value)) return value.map((item) => present(item, redactor, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[redactor.isEmpty ? key : redactor.redactText(key)] = present(item, redactor, depth + 1);
  }
  return out;
}

/** True when `value` holds a returned file at any depth. */
export function containsPath(value: unknown, depth = 0): boolean {
  if (isPath(value)) return true;
  if (typeof value !== "object" || value === null || depth > MAX_DEPTH) return false;
  return Object.values(value).some((item) => containsPath(item, depth + 1));
}

/**
 * `value` with every {@link Path} at any depth replaced by what `visit` makes of it (a written file's
 * name, a data URL, an uploaded file's URL); `index` counts the files in document order from 0.
 */
export async function replacePaths(value: unknown, visit: (path: Path, index: number) => Promise<unknown>): Promise<unknown> {
  let index = 0;
  const walk = async (item: unknown, depth: number): Promise<unknown> => {
    if (isPath(item)) return visit(item, index++);
    if (typeof item !== "object" || item === null || depth > MAX_DEPTH) return item;
    if (Array.isArray(item)) {
      const out = [];
      for (const element of item) out.push(await walk(element, depth + 1));
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const [key, element] of Object.entries(item)) out[key] = await walk(element, depth + 1);
    return out;
  };
  return walk(value, 0);
}

/**
 * The extension to name a returned file's copy by: its own (`.png`) when it is plain and its name
 * holds no secret — a file name the predictor chose is an egress too — else none.
 */
export function outputExtension(path: Path, redactor: Redactor): string {
  const name = basename(path.path);
  if (!redactor.isEmpty && redactor.redactText(name) !== name) return "";
  return plainExtension(name);
}

/** The media type of a returned file, by its extension (only one that holds no secret, see {@link outputExtension}). */
export function outputMediaType(path: Path, redactor: Redactor): string {
  const ext = outputExtension(path, redactor);
  return ext === "" ? "application/octet-stream" : mediaTypeOf(`file${ext}`);
}

/** A returned file's bytes, scrubbed of every secret, as a stream. */
export function scrubbedFileStream(path: Path, redactor: Redactor): Readable {
  return createReadStream(path.path).pipe(redactor.createStream());
}

/** A returned file's bytes, scrubbed of every secret. Throws an Error naming the file (never its content) when it cannot be read. */
export async function readScrubbedFile(path: Path, redactor: Redactor): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new Error(`the predictor returned the file ${redactor.redactText(path.path)}, which cannot be read (${code})`);
  }
  return redactor.isEmpty ? bytes : redactor.redactValue(bytes);
}
