import { isUtf8 } from "node:buffer";

/** A request body that cannot be used: answered with 400 and this message (which never quotes the body). */
export class BadRequestError extends Error {
  readonly statusCode = 400;

  constructor(message: string) {
    super(message);
    this.name = "BadRequestError";
  }
}

/**
 * Parses a request body as JSON; an empty body is `undefined`. The bytes must be UTF-8 (RFC 8259):
 * invalid UTF-8 is refused as Cog does, never decoded to U+FFFD and passed on as someone's input.
 * Nesting deeper than `maxDepth` is refused before parsing (no deep recursion on hostile input).
 * Errors are {@link BadRequestError}s with fixed messages: the parser's own message would quote the
 * body, and with it maybe a secret.
 */
export function parseJsonBody(body: Buffer | string, maxDepth: number): unknown {
  const text = typeof body === "string" ? body : utf8Text(body);
  if (text.trim() === "") return undefined;
  const depth = nestingDepth(text);
  if (depth > maxDepth) throw new BadRequestError(`the request body nests JSON deeper than ${maxDepth} levels`);
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError("the request body is not valid JSON");
  }
}

/**
 * The bytes as text, checked first (one validating pass; no copy besides the string itself, which any
 * decoding makes): overlong forms, surrogates and truncated or stray bytes are a 400.
 */
function utf8Text(bytes: Buffer): string {
  if (!isUtf8(bytes)) throw new BadRequestError("the request body is not valid UTF-8");
  return bytes.toString("utf8");
}

/** The deepest nesting of `[` and `{` in JSON text, ignoring brackets inside strings. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) i = stringEnd(text, i);
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > deepest) deepest = depth;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return deepest;
}

/** The index of the quote that closes the string opened at `open` (or the text's length). */
function stringEnd(text: string, open: number): number {
  for (let quote = text.indexOf('"', open + 1); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return text.length;
}
