import { locateProject, PredictorFailure, PredictorSession, type ProjectLocation } from "@tsc-cog/runtime";
import { generateOpenApiSchema, type PredictorSpec, type Redactor } from "@tsc-cog/sdk/engine";
import { PredictionFailedError } from "../../errors.js";
import type { CommandIO } from "../../io.js";
import { cliVersion } from "../../version.js";
import { knownSecrets } from "../build/secret-scan.js";
import type { SchemaOptions } from "../options.js";

/**
 * Loads the predictor in a worker and returns its spec (the worker is stopped again), and the redactor
 * that knows every secret this machine holds (cog.yaml's deployment secrets where they resolve,
 * `TSC_COG_SECRET_*`, the local store). The predictor can read those for itself: what it says — a load
 * error, its spec — is the predictor's word, scrubbed by that redactor like `predict`'s.
 */
export async function loadSpec(location: ProjectLocation, io: CommandIO): Promise<{ spec: PredictorSpec; redactor: Redactor }> {
  // What the module prints while it loads is not the schema: read and dropped.
  const session = PredictorSession.start({ ref: location.ref, cwd: location.dir, env: io.env });
  for (const secret of knownSecrets(location.config?.secrets ?? [], io.env))
    session.registerSecret(secret.value, secret.name, "deployment");
  try {
    return { spec: await session.load(), redactor: session.redactor };
  } catch (error) {
    if (error instanceof PredictorFailure) throw new PredictionFailedError(error.message, error.detail, false, error.causes);
    throw error;
  } finally {
    session.kill();
    await session.closeLogs(0);
  }
}

/** Prints the OpenAPI 3.0.2 document Cog would generate for the predictor, scrubbed (see {@link loadSpec}). */
export async function schema(options: SchemaOptions, io: CommandIO): Promise<void> {
  const { spec, redactor } = await loadSpec(locateProject(io.cwd, options.predictor), io);
  io.stdout.write(`${redactor.redactJson(generateOpenApiSchema(spec, { version: cliVersion() }), 2)}\n`);
}
