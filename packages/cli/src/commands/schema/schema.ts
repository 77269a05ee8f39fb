import { locateProject, PredictorWorker, specFromWire, WorkerExitedError, WorkerFailure, withoutSecretVariables } from "@tsc-cog/runtime";
import { generateOpenApiSchema, type PredictorSpec } from "@tsc-cog/sdk";
import { PredictionFailedError } from "../../errors.js";
import type { CommandIO } from "../../io.js";
import { cliVersion } from "../../version.js";

/** The options of `tsc-cog schema`. */
export interface SchemaOptions {
  readonly predictor?: string;
}

/** Loads the predictor in a worker and returns its spec (the worker is stopped again). */
export async function loadSpec(predictor: string | undefined, io: CommandIO): Promise<PredictorSpec> {
  const location = locateProject(io.cwd, predictor);
  const worker = PredictorWorker.start({ ref: location.ref, cwd: location.dir, env: withoutSecretVariables(io.env) });
  worker.stdout.resume();
  worker.stderr.resume();
  try {
    const wire = await worker.spec();
    return specFromWire(wire);
  } catch (error) {
    if (error instanceof WorkerFailure) throw new PredictionFailedError(`failed to load the predictor: ${error.message}`, error.wire.stack);
    if (error instanceof WorkerExitedError) throw new PredictionFailedError(error.message);
    throw error;
  } finally {
    worker.kill();
  }
}

/** Prints the OpenAPI 3.0.2 document Cog would generate for the predictor. */
export async function schema(options: SchemaOptions, io: CommandIO): Promise<void> {
  const spec = await loadSpec(options.predictor, io);
  io.stdout.write(`${JSON.stringify(generateOpenApiSchema(spec, { version: cliVersion() }), null, 2)}\n`);
}
