import type { SchemaObject } from "./openapi.js";

/** A `$ref` to a component of the document. */
export function componentRef(name: string): SchemaObject {
  return { $ref: `#/components/schemas/${name}` };
}

const dateTime = (title: string): SchemaObject => ({ format: "date-time", title, type: "string" });
const text = (title: string): SchemaObject => ({ title, type: "string" });

/**
 * The components that do not depend on the predictor, after `Input`, `Output` and the enums:
 * `PredictionRequest`, `PredictionResponse`, `Status`, `HTTPValidationError`, `ValidationError`,
 * exactly as Cog's `buildOpenAPISpec` writes them (plain-map keys in byte order).
 */
export function apiComponents(): {
  readonly PredictionRequest: SchemaObject;
  readonly PredictionResponse: SchemaObject;
  readonly Status: SchemaObject;
  readonly HTTPValidationError: SchemaObject;
  readonly ValidationError: SchemaObject;
} {
  return {
    PredictionRequest: {
      properties: { id: text("Id"), input: componentRef("Input") },
      title: "PredictionRequest",
      type: "object",
    },
    PredictionResponse: {
      properties: {
        completed_at: dateTime("Completed At"),
        created_at: dateTime("Created At"),
        error: text("Error"),
        id: text("Id"),
        input: componentRef("Input"),
        logs: text("Logs"),
        metrics: { title: "Metrics", type: "object" },
        output: componentRef("Output"),
        started_at: dateTime("Started At"),
        status: text("Status"),
        version: text("Version"),
      },
      title: "PredictionResponse",
      type: "object",
    },
    Status: {
      description: "An enumeration.",
      enum: ["starting", "processing", "succeeded", "canceled", "failed"],
      title: "Status",
      type: "string",
    },
    HTTPValidationError: {
      properties: { detail: { items: componentRef("ValidationError"), title: "Detail", type: "array" } },
      title: "HTTPValidationError",
      type: "object",
    },
    ValidationError: {
      properties: {
        loc: { items: { anyOf: [{ type: "string" }, { type: "integer" }] }, title: "Location", type: "array" },
        msg: text("Message"),
        type: text("Error Type"),
      },
      required: ["loc", "msg", "type"],
      title: "ValidationError",
      type: "object",
    },
  };
}
