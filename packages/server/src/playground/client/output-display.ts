// What the result panel shows for an output value: text, pretty JSON, or files (images, audio and
// video inline, each with a download link). Pure (no DOM): tested in Node.

/** A file in the output: a data URL or an http(s) URL. */
export interface OutputFile {
  readonly url: string;
  /** `image`, `audio` and `video` are shown inline; `file` only as a link. */
  readonly media: "image" | "audio" | "video" | "file";
  /** The MIME type when known (always for a data URL). */
  readonly type?: string;
  /** A name for the download link. */
  readonly name: string;
}

/** One piece of the output display. */
export type OutputDisplay =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "json"; readonly text: string }
  | { readonly kind: "file"; readonly file: OutputFile }
  | { readonly kind: "list"; readonly items: readonly OutputDisplay[] };

const EXTENSIONS: Readonly<Record<string, string>> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  bmp: "image/bmp",
  svg: "image/svg+xml",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  flac: "audio/flac",
  m4a: "audio/mp4",
  aac: "audio/aac",
  mp4: "video/mp4",
  m4v: "video/mp4",
  webm: "video/webm",
  ogv: "video/ogg",
  mov: "video/quicktime",
};

const extensionOf = (type: string) => Object.entries(EXTENSIONS).find(([, mime]) => mime === type)?.[0];

function mediaOf(type: string | undefined): OutputFile["media"] {
  const top = type?.split("/")[0];
  return top === "image" || top === "audio" || top === "video" ? top : "file";
}

/**
 * The file a string stands for, if any: every `data:` URL; an http(s) URL when the output's schema says
 * it is a file (`format: uri`) or its extension names a media type.
 */
export function fileOf(value: string, schemaSaysFile: boolean): OutputFile | undefined {
  if (value.startsWith("data:")) {
    const header = value.slice(5, Math.max(5, value.indexOf(",")));
    const type = header.split(";")[0].toLowerCase() || "text/plain";
    const extension = extensionOf(type) ?? ((type.split("/")[1] ?? "").replace(/[^a-z0-9]/g, "") || "bin");
    return { url: value, media: mediaOf(type), type, name: `output.${extension}` };
  }
  if (!/^https?:\/\//i.test(value)) return undefined;
  let path: string;
  try {
    path = new URL(value).pathname;
  } catch {
    return undefined;
  }
  const name = decodeURIComponent(path.split("/").pop() ?? "") || "output";
  const type = EXTENSIONS[name.split(".").pop()?.toLowerCase() ?? ""];
  if (type === undefined && !schemaSaysFile) return undefined;
  return { url: value, media: mediaOf(type), ...(type ? { type } : {}), name };
}

/**
 * How to show an output. A list of plain strings is joined (with nothing for `concatenate` outputs,
 * else newlines), as Cog's playground does; a list holding files shows each item; anything else that
 * is not a string is pretty-printed JSON.
 */
export function displayOutput(output: unknown, options: { readonly isFile: boolean; readonly concatenate: boolean }): OutputDisplay {
  if (typeof output === "string") {
    const file = fileOf(output, options.isFile);
    return file ? { kind: "file", file } : { kind: "text", text: output };
  }
  if (Array.isArray(output)) {
    const items = output.map((item) => displayOutput(item, options));
    if (items.length > 0 && items.every((item) => item.kind === "text"))
      return { kind: "text", text: items.map((item) => (item as { text: string }).text).join(options.concatenate ? "" : "\n") };
    if (items.some((item) => item.kind === "file")) return { kind: "list", items };
  }
  return { kind: "json", text: JSON.stringify(output, null, 2) ?? "null" };
}
