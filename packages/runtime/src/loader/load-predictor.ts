import { statSync } from "node:fs";
import { extname, isAbsolute, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type BasePredictor } from "@tsc-cog/sdk";
import { isPredictorClass } from "@tsc-cog/sdk/worker";
import { importFailure } from "./import-failure.js";
import { PredictorLoadError } from "./predictor-load-error.js";
import { parsePredictorRef } from "./predictor-ref.js";
import { registerPredictorLoader } from "./register.js";

/** A loaded predictor class and where it came from. */
export interface LoadedPredictor {
  /** The exported class; it extends `BasePredictor` (of any SDK copy). */
  readonly predictorClass: new () => BasePredictor;
  /** The absolute path of the predictor's file. */
  readonly file: string;
  /** The export the class was taken from. */
  readonly exportName: string;
}

/** The file extensions a predictor may have. */
export const PREDICTOR_EXTENSIONS: readonly string[] = [".ts", ".mts", ".js", ".mjs"];

/**
 * Imports the predictor class named by `ref` (`path/to/file.ts[:Export]`, see `parsePredictorRef`),
 * with the file resolved against `cwd`. Registers the predictor loader first (`registerPredictorLoader`),
 * so TypeScript files are compiled by swc with their decorator metadata and type hints.
 *
 * @throws {PredictorLoadError} `file-not-found`, `syntax` (`predict.ts:12:5: <reason>`), `missing-export`,
 * `not-a-predictor`, or `import-failed` (the module threw while being evaluated; `cause` holds the error).
 */
export async function loadPredictor(ref: string, cwd: string): Promise<LoadedPredictor> {
  const { file: written, exportName } = parsePredictorRef(ref);
  const file = resolve(cwd, written);
  const shown = displayPath(file, cwd);
  if (!PREDICTOR_EXTENSIONS.includes(extname(file))) {
    throw new PredictorLoadError("file-not-found", `${shown} is not a predictor file: give a .ts, .mts, .js or .mjs file`);
  }
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) {
    throw new PredictorLoadError("file-not-found", `predictor file ${shown} not found (looked for ${file})`);
  }
  registerPredictorLoader();
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw importFailure(error, file, (path) => displayPath(path, cwd));
  }
  if (!Object.hasOwn(exports, exportName)) {
    throw new PredictorLoadError("missing-export", `${shown} has no export "${exportName}"; ${describeExports(exports)}`);
  }
  const candidate = exports[exportName];
  if (!isPredictorClass(candidate)) {
    throw new PredictorLoadError(
      "not-a-predictor",
      `export "${exportName}" of ${shown} is not a predictor class (it should extend BasePredictor from @tsc-cog/sdk and define predict())`,
    );
  }
  return { predictorClass: candidate, file, exportName };
}

/** Predictor classes first (the likely intended ones), then the rest; each group in name order. */
function describeExports(exports: Record<string, unknown>): string {
  const names = Object.keys(exports).sort();
  const ordered = [...names.filter((name) => isPredictorClass(exports[name])), ...names.filter((name) => !isPredictorClass(exports[name]))];
  if (ordered.length === 0) return "it has no exports";
  return ordered.length === 1 ? `its only export is ${ordered[0]}` : `its exports are: ${ordered.join(", ")}`;
}

/** A path as the user thinks of it: relative to the working directory (absolute only on another drive). */
function displayPath(path: string, cwd: string): string {
  const fromCwd = relative(cwd, path);
  return fromCwd === "" || isAbsolute(fromCwd) ? path : fromCwd;
}
