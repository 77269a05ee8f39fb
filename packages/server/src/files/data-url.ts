import { extname } from "node:path";

const MIME_BY_EXT: Readonly<Record<string, string>> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
  ".bmp": "image/bmp",
  ".tif": "image/tiff",
  ".tiff": "image/tiff",
  ".txt": "text/plain",
  ".md": "text/markdown",
  ".csv": "text/csv",
  ".html": "text/html",
  ".json": "application/json",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
  ".tar": "application/x-tar",
  ".gz": "application/gzip",
  ".wav": "audio/wav",
  ".mp3": "audio/mpeg",
  ".ogg": "audio/ogg",
  ".flac": "audio/flac",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".mov": "video/quicktime",
};

/** The media type for a file name, by its extension (`application/octet-stream` when unknown). */
export function mimeTypeOf(file: string): string {
  return MIME_BY_EXT[extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** The usual extension (with its dot) for a media type, or `""`. */
export function extensionOf(mimeType: string): string {
  const wanted = mimeType.toLowerCase();
  for (const [ext, mime] of Object.entries(MIME_BY_EXT)) if (mime === wanted) return ext;
  return "";
}

/** `data:<type>;base64,<bytes>`: how Cog returns a file output when there is no upload URL. */
export function toDataUrl(bytes: Uint8Array, mimeType: string): string {
  return `data:${mimeType};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")}`;
}

const DATA_URL = /^data:([^,]*?)(;base64)?,/i;

/** True when `text` looks like a data URL (`data:[type][;params][;base64],…`). */
export function isDataUrl(text: string): boolean {
  return DATA_URL.test(text);
}

/** The media type and bytes of a data URL, or `undefined` when it is not one. */
export function parseDataUrl(text: string): { readonly mimeType: string; readonly bytes: Buffer } | undefined {
  const match = DATA_URL.exec(text);
  if (!match) return undefined;
  const mimeType = match[1].split(";")[0].trim() || "text/plain";
  const payload = text.slice(match[0].length);
  if (match[2]) return { mimeType, bytes: Buffer.from(payload, "base64") };
  try {
    return { mimeType, bytes: Buffer.from(decodeURIComponent(payload), "utf8") };
  } catch {
    return undefined;
  }
}
