/** Any JSON value, as it appears in a schema's `default`. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A JSON type name as an OpenAPI 3.0 schema writes it. */
export type SchemaTypeName = "string" | "integer" | "number" | "boolean" | "object" | "array";

/**
 * An OpenAPI 3.0 Schema Object, limited to the keywords Cog emits (and our `x-cog-*` extensions).
 * Keys are listed in the byte order Cog writes them.
 */
export interface SchemaObject {
  readonly $ref?: string;
  readonly allOf?: readonly SchemaObject[];
  readonly anyOf?: readonly SchemaObject[];
  readonly default?: JsonValue;
  readonly deprecated?: boolean;
  readonly description?: string;
  readonly enum?: readonly (string | number)[];
  readonly format?: string;
  readonly items?: SchemaObject;
  readonly maxLength?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly nullable?: boolean;
  readonly pattern?: string;
  /** Insertion-ordered: inputs in parameter order, output fields in declaration order. */
  readonly properties?: { readonly [name: string]: SchemaObject };
  readonly required?: readonly string[];
  readonly title?: string;
  readonly type?: SchemaTypeName;
  readonly writeOnly?: boolean;
  readonly "x-cog-accept"?: string;
  readonly "x-cog-array-display"?: "concatenate";
  readonly "x-cog-array-type"?: "iterator";
  readonly "x-cog-secret"?: boolean;
  readonly "x-order"?: number;
}

/** The JSON body of a request or response. */
export interface JsonContent {
  readonly "application/json": { readonly schema: SchemaObject };
}

/** One response of an operation. */
export interface ResponseObject {
  readonly content: JsonContent;
  readonly description: string;
}

/** A path parameter (the cancel endpoint's prediction id). */
export interface ParameterObject {
  readonly in: "path";
  readonly name: string;
  readonly required: true;
  readonly schema: SchemaObject;
}

/** One operation of Cog's HTTP API. */
export interface OperationObject {
  readonly description?: string;
  readonly operationId: string;
  readonly parameters?: readonly ParameterObject[];
  readonly requestBody?: { readonly content: JsonContent };
  readonly responses: { readonly [status: string]: ResponseObject };
  readonly summary: string;
  /** Cog 0.22: `POST /predictions` streams server-sent events (the predictor has `@Streaming()`). */
  readonly "x-cog-streaming"?: true;
}

/**
 * The components of a Cog document, in Cog's order: `Input`, `Output`, one enum per choices input
 * (named after the input), then the fixed request, response and error schemas.
 */
export interface CogSchemas {
  readonly Input: SchemaObject;
  readonly Output: SchemaObject;
  readonly PredictionRequest: SchemaObject;
  readonly PredictionResponse: SchemaObject;
  readonly Status: SchemaObject;
  readonly HTTPValidationError: SchemaObject;
  readonly ValidationError: SchemaObject;
  /** The enum components of choices inputs. */
  readonly [enumName: string]: SchemaObject;
}

/** The paths of Cog's prediction API, in Cog's order. */
export interface CogPaths {
  readonly "/": { readonly get: OperationObject };
  readonly "/health-check": { readonly get: OperationObject };
  readonly "/predictions": { readonly post: OperationObject };
  readonly "/predictions/{prediction_id}/cancel": { readonly post: OperationObject };
}

/**
 * The OpenAPI 3.0.2 document Cog generates for a predictor (`cog`'s `run.cog.openapi_schema` label,
 * `GET /openapi.json`). Its keys are in the order Cog writes them, so `JSON.stringify` of it matches
 * Cog's output byte for byte (apart from Go's escaping of `<`, `>` and `&`).
 */
export interface OpenApiDocument {
  readonly components: { readonly schemas: CogSchemas };
  readonly info: { readonly title: "Cog"; readonly version: string };
  readonly openapi: "3.0.2";
  readonly paths: CogPaths;
}
