import { createWriteStream, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Path } from "@tsc-cog/sdk";
import { invalidInput } from "@tsc-cog/sdk/engine";
import { InputProblem, unresolvableInput } from "./input-problem.js";
import { extensionFor, plainExtension } from "./media-types.js";

/** Where a Path input may come from, and where its file goes. */
export interface PathInputContext {
  /** Local files (`@file`) are allowed, relative to this folder; a server leaves it unset. */
  readonly cwd?: string;
  /** A private folder for decoded and downloaded files (made on first use). */
  readonly tempDir: () => string;
  /** Stops a download in flight (Ctrl-C, a cancelled prediction). */
  readonly signal?: AbortSignal;
  /** How long one download may take (default 5 minutes). */
  readonly timeoutMs?: number;
}

/** A data URL's parts: `data:[type][;params][;base64],payload`. */
const DATA_URL = /^data:([^,]*?)(;base64)?,/i;

/** True when `text` looks like a data URL. */
export function isDataUrl(text: string): boolean {
  return DATA_URL.test(text);
}

/** True for `http://` and `https://` URLs. */
export function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/** The media type and bytes of a data URL, or `undefined` when it is not a well-formed one. */
export function parseDataUrl(text: string): { readonly mediaType: string; readonly bytes: Buffer } | undefined {
  const match = DATA_URL.exec(text);
  if (!match) return undefined;
  const mediaType = match[1].split(";")[0].trim() || "text/plain";
  const payload = text.slice(match[0].length);
  if (match[2]) return { mediaType, bytes: Buffer.from(payload, "base64") };
  try {
    return { mediaType, bytes: Buffer.from(decodeURIComponent(payload), "utf8") };
  } catch {
    return undefined;
  }
}

/** `data:<type>;base64,<bytes>`: how a file output is returned when there is no upload URL (as Cog). */
export function toDataUrl(bytes: Uint8Array, mediaType: string): string {
  return `data:${mediaType};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")}`;
}

let counter = 0;

/**
 * The file for a Path input given as text: `@file` (only with a `cwd`), a data URL (decoded) or an
 * http(s) URL (streamed to disk). Throws an {@link InputProblem} naming the input — never quoting a
 * file's content or a URL's path or credentials (only its origin).
 */
export async function resolvePathInput(input: string, text: string, context: PathInputContext): Promise<Path> {
  if (text.startsWith("@") && context.cwd !== undefined) return localFile(input, text.slice(1), context.cwd);
  if (/^data:/i.test(text)) {
    const data = parseDataUrl(text);
    if (!data) throw new InputProblem(unresolvableInput(input, "malformed data URL (expected data:<type>;base64,<data>)"));
    const file = join(await freshFolder(context), `${input}${extensionFor(data.mediaType)}`);
    await writeFile(file, data.bytes);
    return new Path(file);
  }
  if (isHttpUrl(text)) return download(input, text, context);
  if (context.cwd === undefined) throw new InputProblem(invalidInput("type", input, "expected a data: URL or an http(s):// URL"));
  throw new InputProblem({
    ...unresolvableInput(input, `is a file: write -i ${input}=@${text} for a local file, or give an http(s) or data URL`),
    message: `input "${input}" is a file: write -i ${input}=@${text} for a local file, or give an http(s) or data URL`,
  });
}

function localFile(input: string, file: string, cwd: string): Path {
  const absolute = resolve(cwd, file);
  let isFile: boolean;
  try {
    isFile = statSync(absolute).isFile();
  } catch (error) {
    throw new InputProblem(unresolvableInput(input, `cannot read file ${file}: ${describeFsError(error)}`));
  }
  if (!isFile) throw new InputProblem(unresolvableInput(input, `${file} is not a file`));
  return new Path(absolute);
}

async function download(input: string, url: string, context: PathInputContext): Promise<Path> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputProblem(unresolvableInput(input, "is not a valid URL"));
  }
  // Only the origin is ever shown: a path or query may carry a token, and the origin drops user:password.
  const where = parsed.origin;
  const signals = [AbortSignal.timeout(context.timeoutMs ?? 5 * 60_000), ...(context.signal ? [context.signal] : [])];
  const signal = AbortSignal.any(signals);
  let response: Response;
  try {
    response = await fetch(parsed, { redirect: "follow", signal });
  } catch (error) {
    context.signal?.throwIfAborted();
    throw new InputProblem(unresolvableInput(input, `could not download from ${where}: ${reason(error)}`));
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => {});
    throw new InputProblem(unresolvableInput(input, `could not download from ${where}: HTTP ${response.status}`));
  }
  const name = safeName(parsed.pathname) || input;
  const ext = plainExtension(name) || extensionFor(response.headers.get("content-type") ?? "");
  const file = join(await freshFolder(context), plainExtension(name) ? name : `${name}${ext}`);
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(file), { signal });
  } catch (error) {
    context.signal?.throwIfAborted();
    throw new InputProblem(unresolvableInput(input, `could not download from ${where}: ${reason(error)}`));
  }
  return new Path(file);
}

/** A new folder per file, so that two inputs with the same file name never collide. */
async function freshFolder(context: PathInputContext): Promise<string> {
  const folder = join(context.tempDir(), String(++counter));
  await mkdir(folder, { recursive: true });
  return folder;
}

function safeName(pathname: string): string {
  let name = basename(pathname);
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep it encoded
  }
  return name.replace(/[^\w.-]/g, "_").slice(0, 128);
}

function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === "TimeoutError") return "it took too long";
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

/** A file system error in words, without the path (the caller names it). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return code ?? "it cannot be read";
}
