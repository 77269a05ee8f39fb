import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { type InputIssue, type InputSpec, invalidInput, Path } from "@tsc-cog/sdk";
import { extensionOf, isDataUrl, parseDataUrl } from "./data-url.js";

/** How long one input file may take to download. */
const DOWNLOAD_TIMEOUT_MS = 5 * 60 * 1000;

const isRemote = (text: string) => /^https?:\/\//i.test(text) && URL.canParse(text);

/**
 * Issues for Path inputs given as anything but a data URL or an http(s) URL: a server never reads
 * its own files on a caller's behalf. Runs after type validation, on its values.
 */
export function pathInputIssues(inputs: readonly InputSpec[], values: Readonly<Record<string, unknown>>): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const input of inputs) {
    if (input.type.base !== "path") continue;
    const items = input.type.list && Array.isArray(values[input.name]) ? (values[input.name] as unknown[]) : [values[input.name]];
    const bad = items.findIndex((item) => typeof item === "string" && !isDataUrl(item) && !isRemote(item));
    if (bad >= 0) {
      const where = input.type.list ? `item ${bad}: ` : "";
      issues.push(invalidInput("type", input.name, `${where}expected a data: URL or an http(s):// URL`));
    }
  }
  return issues;
}

/**
 * The inputs with every Path given as a URL turned into a {@link Path} to a file in `dir`: data URLs
 * decoded, http(s) URLs downloaded. Throws an Error naming the input when a download fails.
 */
export async function resolvePathInputs(
  inputs: readonly InputSpec[],
  values: Readonly<Record<string, unknown>>,
  dir: string,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...values };
  let count = 0;
  const fetchOne = async (name: string, item: unknown): Promise<unknown> => {
    if (typeof item !== "string") return item;
    const folder = join(dir, String(count++));
    await mkdir(folder, { recursive: true });
    const data = parseDataUrl(item);
    if (data) {
      const file = join(folder, `${name}${extensionOf(data.mimeType)}`);
      await writeFile(file, data.bytes);
      return new Path(file);
    }
    return new Path(await download(name, item, folder));
  };
  for (const input of inputs) {
    if (input.type.base !== "path") continue;
    const value = values[input.name];
    if (Array.isArray(value)) out[input.name] = await Promise.all(value.map((item) => fetchOne(input.name, item)));
    else out[input.name] = await fetchOne(input.name, value);
  }
  return out;
}

async function download(name: string, url: string, folder: string): Promise<string> {
  const fileName = basename(decodeSafely(new URL(url).pathname)).replace(/[^\w.-]/g, "_") || "file";
  const file = join(folder, fileName);
  let response: Response;
  try {
    response = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    throw new Error(`input "${name}": could not download ${url}: ${(error as Error).cause ?? (error as Error).message}`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`input "${name}": could not download ${url}: HTTP ${response.status}`);
  }
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(file));
  return file;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
