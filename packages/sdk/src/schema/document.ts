import { PredictorDefinitionError } from "../spec/definition-error.js";
import type { PredictorSpec } from "../spec/types.js";
import { apiComponents } from "./api-components.js";
import { apiPaths } from "./api-paths.js";
import { inputSchema } from "./input-schema.js";
import type { CogSchemas, OpenApiDocument } from "./openapi.js";
import { outputSchema } from "./output-schema.js";

/** Options of {@link generateOpenApiSchema}. */
export interface OpenApiSchemaOptions {
  /**
   * `info.version`. Cog writes the version of Cog that built the image; the default is
   * {@link COG_SCHEMA_VERSION}, the Cog release whose schema this generator reproduces.
   */
  readonly version?: string;
}

/** The Cog release whose OpenAPI document {@link generateOpenApiSchema} reproduces: the default `info.version`. */
export const COG_SCHEMA_VERSION = "0.22.0";

/**
 * The OpenAPI 3.0.2 document Cog 0.22 generates for the same predictor: `Input`, `Output`, one enum
 * component per choices input, the request/response/error components, and the four paths of the
 * prediction API. Keys are in Cog's order, so `JSON.stringify(doc)` matches Cog's label.
 *
 * Throws a {@link PredictorDefinitionError} when a choices input is named like a fixed component
 * (`Input`, `Status` …): its enum would replace that component (Cog silently produces a broken document).
 *
 * @example
 * console.log(JSON.stringify(generateOpenApiSchema(describePredictor(Predictor)), null, 2));
 */
export function generateOpenApiSchema(spec: PredictorSpec, options: OpenApiSchemaOptions = {}): OpenApiDocument {
  const { input, enums } = inputSchema(spec.inputs);
  const fixed = apiComponents();
  const reserved = new Set(["Input", "Output", ...Object.keys(fixed)]);
  const clashes = enums.filter((e) => reserved.has(e.name));
  if (clashes.length > 0) {
    throw new PredictorDefinitionError(
      spec.className,
      clashes.map((e) => ({
        where: `${spec.className}.${spec.method}() input "${e.name}"`,
        problem: `a choices input named "${e.name}" would replace the schema's ${e.name} component`,
        fix: "give the input another name with name:",
      })),
    );
  }
  const schemas: CogSchemas = {
    Input: input,
    Output: outputSchema(spec.output),
    // Enum components sit between Output and PredictionRequest, in input order (Cog's insertion order).
    ...Object.fromEntries(enums.map((e) => [e.name, e.schema])),
    ...fixed,
  };
  return {
    components: { schemas },
    info: { title: "Cog", version: options.version ?? COG_SCHEMA_VERSION },
    openapi: "3.0.2",
    paths: spec.output.streaming === true ? withStreaming(apiPaths()) : apiPaths(),
  };
}

/** Cog's `x-cog-streaming: true` on `POST /predictions`, for a predictor with `@Streaming()`. */
function withStreaming(paths: ReturnType<typeof apiPaths>): ReturnType<typeof apiPaths> {
  return { ...paths, "/predictions": { post: { ...paths["/predictions"].post, "x-cog-streaming": true } } };
}
