import { locateProject, PredictorFailure, PredictorSession, withoutSecretVariables } from "@tsc-cog/runtime";
import { generateOpenApiSchema, type PredictorSpec, Redactor } from "@tsc-cog/sdk/engine";
import { PredictionFailedError } from "../../errors.js";
import type { CommandIO } from "../../io.js";
import { cliVersion } from "../../version.js";
import { knownSecrets } from "../build/secret-scan.js";
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
  const document = generateOpenApiSchema(spec, { version: cliVersion() });
  // The schema is the predictor's word (its descriptions, choices, patterns; a spec it forged): it may quote
  // a secret the predictor read for itself. Every secret this machine knows is scrubbed from it, as from
  // serve's /openapi.json (\`tsc-cog build\` refuses an image whose schema label holds one).
  const redactor = new Redactor();
  const config = locateProject(io.cwd, options.predictor).config;
  for (const secret of knownSecrets(config?.secrets ?? [], io.env)) redactor.register(secret.value, secret.name, "deployment");
  const text = JSON.stringify(redactor.isEmpty ? document : redactor.redactValue(document), null, 2);
  io.stdout.write(`${redactor.isEmpty ? text : redactor.redactText(text)}\n`);
}
