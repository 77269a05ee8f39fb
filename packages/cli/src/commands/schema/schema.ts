import { locateProject, PredictorFailure, PredictorSession, withoutSecretVariables } from "@tsc-cog/runtime";
import { generateOpenApiSchema, type PredictorSpec } from "@tsc-cog/sdk/engine";
import { PredictionFailedError } from "../../errors.js";
import type { CommandIO } from "../../io.js";
import { cliVersion } from "../../version.js";
import type { SchemaOptions } from "../options.js";

/** Loads the predictor in a worker and returns its spec (the worker is stopped again). */
export async function loadSpec(predictor: string | undefined, io: CommandIO): Promise<PredictorSpec> {
  const location = locateProject(io.cwd, predictor);
  // What the module prints while it loads is not the schema: read and dropped.
  const session = PredictorSession.start({ ref: location.ref, cwd: location.dir, env: withoutSecretVariables(io.env) });
  try {
    return await session.load();
  } catch (error) {
    if (error instanceof PredictorFailure) throw new PredictionFailedError(error.message, error.detail, false, error.causes);
    throw error;
  } finally {
    session.kill();
    await session.closeLogs(0);
  }
}

/** Prints the OpenAPI 3.0.2 document Cog would generate for the predictor. */
export async function schema(options: SchemaOptions, io: CommandIO): Promise<void> {
  const spec = await loadSpec(options.predictor, io);
  io.stdout.write(`${JSON.stringify(generateOpenApiSchema(spec, { version: cliVersion() }), null, 2)}\n`);
}
