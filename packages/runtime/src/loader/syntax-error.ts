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
 * Reads swc's diagnostic (`  x Expected ',', got '}'`, then a `,-[file:4:1]` header and the source
 * with a `^` under the column) into a {@link TypeScriptSyntaxError}, or `undefined` if `error` is not
 * one. The header's column is that of the snippet, so the column is taken from the caret when it is there.
 */
export function syntaxErrorFromSwc(error: unknown, file: string): TypeScriptSyntaxError | undefined {
  const text = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const lines = text.split("\n");
  const reason = /^\s*[x×]\s+(.+)$/.exec(lines[0] ?? "")?.[1]?.trim();
  const header = /-\[(?:[^\]]*:)?(\d+):(\d+)\]/.exec(text);
  if (!reason || !header) return undefined;
  const line = Number(header[1]);
  return new TypeScriptSyntaxError(file, line, caretColumn(lines, line) ?? Number(header[2]), reason);
}

function caretColumn(lines: readonly string[], line: number): number | undefined {
  const sourceRow = lines.findIndex((row) => new RegExp(`^\\s*${line} \\| `).test(row));
  const marker = lines[sourceRow + 1];
  if (sourceRow < 0 || marker === undefined || !/^\s*: /.test(marker)) return undefined;
  const gutter = lines[sourceRow].indexOf("| ") + 2;
  const caret = marker.indexOf("^", gutter);
  return caret < 0 ? undefined : caret - gutter + 1;
}
