import { componentRef } from "./api-components.js";
import type { CogPaths, ResponseObject, SchemaObject } from "./openapi.js";

const ok = (schema: SchemaObject = {}): ResponseObject => ({
  content: { "application/json": { schema } },
  description: "Successful Response",
});
const validationError = (): ResponseObject => ({
  content: { "application/json": { schema: componentRef("HTTPValidationError") } },
  description: "Validation Error",
});

/**
 * The paths of Cog's prediction API (`GET /`, `GET /health-check`, `POST /predictions`,
 * `POST /predictions/{prediction_id}/cancel`) with Cog's summaries, operation ids and responses.
 */
export function apiPaths(): CogPaths {
  return {
    "/": { get: { operationId: "root__get", responses: { "200": ok() }, summary: "Root" } },
    "/health-check": { get: { operationId: "healthcheck_health_check_get", responses: { "200": ok() }, summary: "Healthcheck" } },
    "/predictions": {
      post: {
        description: "Run a single prediction on the model",
        operationId: "predict_predictions_post",
        requestBody: { content: { "application/json": { schema: componentRef("PredictionRequest") } } },
        responses: { "200": ok(componentRef("PredictionResponse")), "422": validationError() },
        summary: "Predict",
      },
    },
    "/predictions/{prediction_id}/cancel": {
      post: {
        operationId: "cancel_predictions__prediction_id__cancel_post",
        parameters: [{ in: "path", name: "prediction_id", required: true, schema: { title: "Prediction Id", type: "string" } }],
        responses: { "200": ok(), "422": validationError() },
        summary: "Cancel",
      },
    },
  };
}
