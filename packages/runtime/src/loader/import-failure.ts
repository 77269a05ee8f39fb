import { fileURLToPath } from "node:url";
import { PredictorLoadError } from "./predictor-load-error.js";
import { SYNTAX_ERROR_CODE } from "./syntax-error.js";

/** The fields of an error this module reads; anything may be missing. */
interface ThrownError {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly stack?: unknown;
  readonly code?: unknown;
  readonly file?: unknown;
  readonly line?: unknown;
  readonly column?: unknown;
  readonly reason?: unknown;
}

/**
 * Turns what `import()` of a predictor threw into a {@link PredictorLoadError}: `syntax` with
 * `file:line:column: reason` for a file that does not parse (a TypeScript file through swc, or a
 * JavaScript file through V8), else `import-failed`. `cause` keeps the original error.
 *
 * @param shown the predictor file as shown to the user.
 * @param display how to show another file's absolute path.
 */
export function importFailure(error: unknown, shown: string, display: (path: string) => string): PredictorLoadError {
  const thrown: ThrownError = typeof error === "object" && error !== null ? error : { message: String(error) };
  const syntax = swcSyntaxError(thrown, display) ?? v8SyntaxError(thrown, display);
  if (syntax !== undefined) return new PredictorLoadError("syntax", syntax, { cause: error });
  return new PredictorLoadError("import-failed", `${shown} failed to load: ${String(thrown.message)}`, { cause: error });
}

/** Our `TypeScriptSyntaxError`, recognised by its fields: on Node 20 it crossed from the loader thread as a plain error. */
function swcSyntaxError(error: ThrownError, display: (path: string) => string): string | undefined {
  if (error.code !== SYNTAX_ERROR_CODE || typeof error.file !== "string") return undefined;
  return `${display(error.file)}:${error.line}:${error.column}: ${error.reason}`;
}

/** V8's parse error of a JavaScript module: its stack opens with `file:///…/predict.js:3`, the line, then a caret. */
function v8SyntaxError(error: ThrownError, display: (path: string) => string): string | undefined {
  if (error.name !== "SyntaxError" || typeof error.stack !== "string") return undefined;
  const [where, , marker] = error.stack.split("\n");
  const location = /^(file:\/\/.+):(\d+)$/.exec(where);
  if (location === null) return undefined;
  const caret = marker?.indexOf("^") ?? -1;
  return `${display(fileURLToPath(location[1]))}:${location[2]}${caret >= 0 ? `:${caret + 1}` : ""}: ${String(error.message)}`;
}
