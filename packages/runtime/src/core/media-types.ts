import { createRequire } from "node:module";
import { basename, extname } from "node:path";

type MimeTypes = { lookup(path: string): string | false; extension(type: string): string | false };

let table: MimeTypes | undefined;

/** `mime-types` (the media-type table of the `mime-db` project), loaded on first use: only runs with files pay for it. */
function mimeTypes(): MimeTypes {
  // From the runtime's own package (a self-reference): bundled into the CLI, this code runs from elsewhere.
  table ??= createRequire(import.meta.resolve("@tsc-cog/runtime"))("mime-types") as MimeTypes;
  return table;
}

/** The media type of a file, by its extension (`application/octet-stream` when unknown). */
export function mediaTypeOf(file: string): string {
  return mimeTypes().lookup(basename(file)) || "application/octet-stream";
}

/** The usual extension (with its dot) for a media type, or `""` when there is none. */
export function extensionFor(mediaType: string): string {
  const ext = mimeTypes().extension(mediaType.split(";")[0].trim().toLowerCase());
  return ext ? `.${ext}` : "";
}

/** An extension fit to name a file by: a dot and 1–16 letters or digits; anything else is `""`. */
export function plainExtension(file: string): string {
  const ext = extname(file);
  return /^\.[A-Za-z0-9]{1,16}$/.test(ext) ? ext : "";
}
