import { readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { dropTrailingNewline, UsageError } from "@tsc-cog/runtime";
import { coerceScalarText, type InputSpec, Path, Secret } from "@tsc-cog/sdk";
import type { ResolveContext } from "./resolve-context.js";

const SAFE_SECRET_FORMS = "@FILE, env:NAME or - (stdin)";

/**
 * Resolves one command-line text for an input of the given spec into the value predict() will see:
 * `@@x` is the literal `@x`; `@file` is a Path (Path inputs), the file's text (string inputs) or the
 * file's text less one trailing newline (secrets); a secret also comes from `env:NAME` or `-` (stdin);
 * Path inputs also take http(s) and data URLs. Everything else is coerced by type (DESIGN §5).
 */
export async function resolveText(spec: InputSpec, text: string, context: ResolveContext): Promise<unknown> {
  const { base } = spec.type;
  if (text.startsWith("@@")) return coerceScalarText(base, text.slice(1));
  if (base === "secret") return new Secret(await secretText(spec, text, context));
  if (base === "path") return resolvePath(spec, text, context);
  if (text.startsWith("@")) return coerceScalarText(base, readInputFile(spec, text.slice(1), context));
  return coerceScalarText(base, text);
}

async function secretText(spec: InputSpec, text: string, context: ResolveContext): Promise<string> {
  if (text.startsWith("@")) return dropTrailingNewline(readInputFile(spec, text.slice(1), context));
  if (text === "-") return dropTrailingNewline(await context.readStdin(`input "${spec.name}"`));
  if (text.startsWith("env:")) {
    const name = text.slice(4);
    const value = context.env[name];
    if (value === undefined)
      throw new UsageError(`input "${spec.name}": environment variable ${name} is not set (export it, or pass the secret as @FILE or -)`);
    return value;
  }
  context.warnings.push(
    `secret input "${spec.name}" was given on the command line, where shell history and process listings can see it; prefer ${SAFE_SECRET_FORMS}`,
  );
  return text;
}

function readInputFile(spec: InputSpec, file: string, context: ResolveContext): string {
  try {
    return readFileSync(resolve(context.cwd, file), "utf8");
  } catch (error) {
    throw new UsageError(`input "${spec.name}": cannot read file ${file}: ${describeFsError(error)}`);
  }
}

async function resolvePath(spec: InputSpec, text: string, context: ResolveContext): Promise<Path> {
  if (text.startsWith("@")) {
    const file = resolve(context.cwd, text.slice(1));
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(file);
    } catch (error) {
      throw new UsageError(`input "${spec.name}": cannot read file ${text.slice(1)}: ${describeFsError(error)}`);
    }
    if (!stats.isFile()) throw new UsageError(`input "${spec.name}": ${text.slice(1)} is not a file`);
    return new Path(file);
  }
  if (/^data:/i.test(text)) return decodeDataUrl(spec, text, context);
  if (/^https?:\/\//i.test(text)) return download(spec, text, context);
  throw new UsageError(`input "${spec.name}" is a file: write -i ${spec.name}=@${text} for a local file, or give an http(s) or data URL`);
}

function decodeDataUrl(spec: InputSpec, text: string, context: ResolveContext): Path {
  const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/is.exec(text);
  if (!match) throw new UsageError(`input "${spec.name}": malformed data URL (expected data:<type>;base64,<data>)`);
  const base64 = /;base64/i.test(match[2]);
  const bytes = base64 ? Buffer.from(match[3], "base64") : Buffer.from(decodeURIComponent(match[3]), "utf8");
  const file = join(context.tempDir(), `${spec.name}${extensionFor(match[1])}`);
  writeFileSync(file, bytes);
  return new Path(file);
}

async function download(spec: InputSpec, url: string, context: ResolveContext): Promise<Path> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: "follow", signal: AbortSignal.any([context.signal, AbortSignal.timeout(60_000)]) });
  } catch (error) {
    context.throwIfCancelled();
    throw new UsageError(
      `input "${spec.name}": cannot download ${new URL(url).origin}: ${(error as Error).cause ?? (error as Error).message}`,
    );
  }
  if (!response.ok) throw new UsageError(`input "${spec.name}": downloading ${new URL(url).origin}… answered HTTP ${response.status}`);
  const name = decodeURIComponent(new URL(url).pathname.split("/").pop() || spec.name);
  const ext = extname(name) || extensionFor(response.headers.get("content-type") ?? "");
  const file = join(context.tempDir(), `${spec.name}-${name.replace(/[^\w.-]/g, "_").replace(/\.[^.]*$/, "")}${ext}`);
  const body = await response.arrayBuffer().catch((error) => {
    context.throwIfCancelled();
    throw new UsageError(`input "${spec.name}": downloading ${new URL(url).origin}… failed: ${(error as Error).message}`);
  });
  context.throwIfCancelled();
  writeFileSync(file, Buffer.from(body));
  return new Path(file);
}

const EXTENSIONS: Record<string, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/gif": ".gif",
  "image/webp": ".webp",
  "text/plain": ".txt",
  "application/json": ".json",
  "audio/wav": ".wav",
  "audio/mpeg": ".mp3",
  "video/mp4": ".mp4",
  "application/pdf": ".pdf",
};

function extensionFor(mime: string): string {
  return EXTENSIONS[mime.split(";")[0].trim().toLowerCase()] ?? "";
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return (error as Error).message;
}
