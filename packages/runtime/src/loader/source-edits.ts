import type { Module } from "@swc/core";
import { loadSwc } from "./swc.js";

/** A module parsed for editing, and the swc position of its first byte. */
export interface ParsedSource {
  readonly module: Module;
  /** Subtract from a span position to get a byte offset into the source. */
  readonly origin: number;
}

/** Text to insert at a swc span position (a byte position, see {@link ParsedSource.origin}). */
export interface Insertion {
  readonly position: number;
  readonly text: string;
}

/**
 * Parses TypeScript for the loader's source edits, or `undefined` if it does not parse (the compiler
 * then reports the error at its true place). swc spans are byte offsets from a base that is not
 * always 0: it may accumulate across calls in one process, and the Module's own span starts at its
 * first token, after any comment. So the source is parsed behind a `;`, whose span marks the base;
 * a shebang is blanked to a comment of the same length so that it may follow the `;`.
 */
export function parseForEdits(source: string): ParsedSource | undefined {
  const text = source.startsWith("#!") ? `//${source.slice(2)}` : source;
  try {
    const module = loadSwc().parseSync(`;${text}`, { syntax: "typescript", decorators: true, target: "es2022" });
    return { module, origin: module.body[0].span.start + 1 };
  } catch {
    return undefined;
  }
}

/**
 * Applies insertions to the source's UTF-8 bytes (spans count bytes, not UTF-16 units, so a string
 * offset would be wrong after any non-ASCII character). Insertions at one position keep their order.
 */
export function applyInsertions(source: string, parsed: ParsedSource, insertions: readonly Insertion[]): string {
  const bytes = Buffer.from(source, "utf8");
  const sorted = insertions
    .map((insertion, order) => ({ ...insertion, order }))
    .sort((a, b) => a.position - b.position || a.order - b.order);
  const pieces: Buffer[] = [];
  let copied = 0;
  for (const { position, text } of sorted) {
    const offset = position - parsed.origin;
    pieces.push(bytes.subarray(copied, offset), Buffer.from(text, "utf8"));
    copied = offset;
  }
  pieces.push(bytes.subarray(copied));
  return Buffer.concat(pieces).toString("utf8");
}

/** Calls `visit` on every AST node under `root` (every object with a string `type`), depth first. */
export function forEachNode(root: unknown, visit: (node: { readonly type: string }) => void): void {
  if (Array.isArray(root)) {
    for (const child of root) forEachNode(child, visit);
  } else if (typeof root === "object" && root !== null) {
    if (typeof (root as { type?: unknown }).type === "string") visit(root as { readonly type: string });
    for (const child of Object.values(root)) forEachNode(child, visit);
  }
}
