import { readFileSync } from "node:fs";
import { PredictorLoadError } from "./predictor-load-error.js";
import { loadSwc } from "./swc.js";
import { SYNTAX_ERROR_CODE, syntaxErrorFromSwc } from "./syntax-error.js";

/** The fields of a thrown value this module reads; anything may be missing. */
interface Thrown {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly file?: unknown;
  readonly line?: unknown;
  readonly column?: unknown;
  readonly reason?: unknown;
}

/**
 * Turns what `import()` of a predictor threw into a {@link PredictorLoadError}: `syntax` with
 * `file:line:column: reason` for a file that does not parse, else `import-failed` (the module threw
 * while it was evaluated, or a dependency is missing). `cause` keeps the original error.
 *
 * @param file the predictor's absolute path.
 * @param display how to show a file's absolute path to the user.
 */
export function importFailure(error: unknown, file: string, display: (path: string) => string): PredictorLoadError {
  const thrown: Thrown = typeof error === "object" && error !== null ? error : { message: String(error) };
  const syntax = typeScriptSyntaxError(thrown, display) ?? javaScriptSyntaxError(thrown, file, display);
  if (syntax !== undefined) return new PredictorLoadError("syntax", syntax, { cause: error });
  return new PredictorLoadError("import-failed", `${display(file)} failed to load: ${String(thrown.message)}`, { cause: error });
}

/** Our `TypeScriptSyntaxError`, recognised by its fields: on Node 20 it crossed from the loader thread as a plain error. */
function typeScriptSyntaxError(thrown: Thrown, display: (path: string) => string): string | undefined {
  if (thrown.code !== SYNTAX_ERROR_CODE || typeof thrown.file !== "string") return undefined;
  return `${display(thrown.file)}:${thrown.line}:${thrown.column}: ${thrown.reason}`;
}

/**
 * V8's parse error of a JavaScript predictor carries no location (Node prints it only for an
 * uncaught error), so the file is parsed again with swc to find it. If swc finds nothing, the
 * error was in another module and is reported as `import-failed` with V8's message.
 */
function javaScriptSyntaxError(thrown: Thrown, file: string, display: (path: string) => string): string | undefined {
  if (thrown.name !== "SyntaxError" || !/\.m?js$/.test(file)) return undefined;
  try {
    loadSwc().parseSync(readFileSync(file, "utf8"), { syntax: "ecmascript", target: "es2022" });
    return undefined;
  } catch (parseError) {
    const located = syntaxErrorFromSwc(parseError, file);
    return located && `${display(file)}:${located.line}:${located.column}: ${located.reason}`;
  }
}
