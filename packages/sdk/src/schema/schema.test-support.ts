// Shared by the schema tests only: compiled into dist-test beside them, never into dist (nothing in the SDK imports it).
import SwaggerParser from "@apidevtools/swagger-parser";
import { describePredictor } from "../spec/describe-predictor.js";
import { generateOpenApiSchema, type OpenApiSchemaOptions } from "./document.js";
import type { OpenApiDocument, SchemaObject } from "./openapi.js";

/** What swagger-parser's `validate` accepts (its `OpenAPI.Document` type is not reachable from here). */
type ValidatorInput = Parameters<typeof SwaggerParser.validate>[1];

/**
 * Validates a document with @apidevtools/swagger-parser (OpenAPI 3.0 JSON schema plus spec rules)
 * and rejects when it is invalid. The validator dereferences its argument in place, so it gets a copy.
 */
export async function assertValidOpenApi(doc: OpenApiDocument): Promise<void> {
  await SwaggerParser.validate(structuredClone(doc) as unknown as ValidatorInput);
}

/** The validated document of a predictor class: every schema test goes through the validator. */
export async function schemaOf(predictor: abstract new () => object, options?: OpenApiSchemaOptions): Promise<OpenApiDocument> {
  const doc = generateOpenApiSchema(describePredictor(predictor), options);
  await assertValidOpenApi(doc);
  return doc;
}

/** The validated `Input` component's property of one input. */
export async function inputPropertyOf(predictor: abstract new () => object, name: string): Promise<SchemaObject | undefined> {
  return (await schemaOf(predictor)).components.schemas.Input.properties?.[name];
}
