/** The `code` of a {@link TypeScriptSyntaxError}; it survives the trip from Node 20's loader thread, the class does not. */
export const SYNTAX_ERROR_CODE = "ERR_TSC_COG_SYNTAX";

/**
 * A TypeScript file that swc cannot compile. The message is one line, `file:line:column: reason`,
 * without swc's drawing of the source. `line` and `column` are 1-based.
 */
export class TypeScriptSyntaxError extends SyntaxError {
  /** Always {@link SYNTAX_ERROR_CODE}. */
  readonly code = SYNTAX_ERROR_CODE;

  /**
   * @param file the file as it should be shown (the loader passes its absolute path).
   * @param reason swc's message, e.g. `Expected ',', got '}'`.
   */
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}

/**
 * Reads swc's diagnostic (`  x Expected ',', got '}'`, then the source with a `^` under the column,
 * usually below a `,-[file:4:1]` header) into a {@link TypeScriptSyntaxError}, or `undefined` if
 * `error` is not one. The place is read from the caret row: the header's column is the snippet's.
 */
export function syntaxErrorFromSwc(error: unknown, file: string): TypeScriptSyntaxError | undefined {
  const text = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const lines = text.split("\n");
  const reason = /^\s*[x×]\s+(.+)$/.exec(lines[0] ?? "")?.[1]?.trim();
  const place = caretPlace(lines) ?? headerPlace(text);
  return reason && place ? new TypeScriptSyntaxError(file, place.line, place.column, reason) : undefined;
}

/** ` 12 |   source text` followed by `    :     ^`: line 12, the caret's column. */
function caretPlace(lines: readonly string[]): { line: number; column: number } | undefined {
  for (let i = 1; i < lines.length; i++) {
    const row = /^\s*(\d+) \| /.exec(lines[i - 1]);
    const caret = lines[i].indexOf("^");
    if (row !== null && /^\s*: /.test(lines[i]) && caret >= row[0].length)
      return { line: Number(row[1]), column: caret - row[0].length + 1 };
  }
  return undefined;
}

function headerPlace(text: string): { line: number; column: number } | undefined {
  const header = /-\[(?:[^\]]*:)?(\d+):(\d+)\]/.exec(text);
  return header ? { line: Number(header[1]), column: Number(header[2]) } : undefined;
}
