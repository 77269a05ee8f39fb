import type { Options } from "@swc/core";
import { preparePredictorSource } from "./prepare-source.js";
import { loadSwc } from "./swc.js";
import { syntaxErrorFromSwc } from "./syntax-error.js";

/**
 * The swc options for a predictor module: TypeScript with legacy decorators and decorator metadata
 * (what the SDK's decorators expect, as tsc emits with `experimentalDecorators` and
 * `emitDecoratorMetadata`), class names kept, ES2022 ESM out, and an inline source map so that
 * stack traces name the `.ts` file and line. `useDefineForClassFields: false` matches the project's
 * tsconfig; a `.swcrc` near the predictor is ignored.
 */
function swcOptions(filename: string): Options {
  return {
    filename,
    swcrc: false,
    configFile: false,
    isModule: true,
    sourceMaps: "inline",
    inlineSourcesContent: true,
    module: { type: "es6" },
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      target: "es2022",
      keepClassNames: true,
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      experimental: { keepImportAttributes: true },
    },
  };
}

/**
 * Compiles a predictor's TypeScript source to an ES module, after `preparePredictorSource` has
 * recovered what swc's decorator transform would lose (declared types, class names). Loads swc on first use.
 *
 * @param filename the absolute path of the file, used in the source map and in error messages.
 * @throws {TypeScriptSyntaxError} when the source does not parse: `file:line:column: reason`.
 */
export function transformPredictorSource(source: string, filename: string): string {
  const swc = loadSwc();
  try {
    return swc.transformSync(preparePredictorSource(source), swcOptions(filename)).code;
  } catch (error) {
    throw syntaxErrorFromSwc(error, filename) ?? error;
  }
}
