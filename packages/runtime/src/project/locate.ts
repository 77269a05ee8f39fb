import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { splitPredictorRef } from "../loader/predictor-ref.js";
import { type CogConfig, readCogConfig } from "./cog-yaml.js";
import { UsageError } from "./errors.js";

/** Where a predictor is and the project around it. */
export interface ProjectLocation {
  /** The project folder: where cog.yaml is, else the current directory. The worker runs here. */
  readonly dir: string;
  /** `/abs/path/predict.ts:Export` (the export part only when given). */
  readonly ref: string;
  readonly config?: CogConfig;
}

/**
 * Finds the predictor to run: the `path/to/file.ts[:Export]` argument when given, else `predict:` of
 * cog.yaml in `cwd`. Throws a {@link UsageError} saying what to do when there is neither.
 */
export function locateProject(cwd: string, ref?: string): ProjectLocation {
  const config = readCogConfig(cwd);
  if (ref !== undefined && ref !== "") {
    // Only the name is shown: what follows `=` may be a secret typed without its -i.
    if (ref.includes("=")) {
      const name = ref.slice(0, ref.indexOf("="));
      throw new UsageError(`"${name}=…" is not a predictor file. Did you forget -i? (-i ${name}=…)`);
    }
    const { file, exportName } = splitPredictorRef(ref);
    const absolute = isAbsolute(file) ? file : resolve(cwd, file);
    if (!existsSync(absolute)) throw new UsageError(`predictor file ${file} does not exist`);
    const ownConfig = config ?? readCogConfig(dirname(absolute));
    return {
      dir: config ? cwd : ownConfig ? dirname(absolute) : cwd,
      ref: exportName ? `${absolute}:${exportName}` : absolute,
      config: ownConfig,
    };
  }
  if (!config) {
    throw new UsageError(
      `no predictor given and no cog.yaml in ${cwd}; pass a file (tsc-cog predict predict.ts) or create cog.yaml with predict: "predict.ts:Predictor"`,
    );
  }
  if (!config.predict) throw new UsageError(`${config.file} has no predict: key; add predict: "predict.ts:Predictor"`);
  const { file, exportName } = splitPredictorRef(config.predict);
  const absolute = resolve(cwd, file);
  if (!existsSync(absolute)) throw new UsageError(`${config.file} names ${file}, which does not exist`);
  return { dir: cwd, ref: exportName ? `${absolute}:${exportName}` : absolute, config };
}
