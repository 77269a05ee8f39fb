/**
 * `@tsc-cog/sdk/engine`: the machinery behind the decorators, for the runtime, the CLI and the server —
 * the metadata registry's keys, predictor specs, coercion and validation of inputs, the OpenAPI schema
 * and the redaction engine. Predictor authors import `@tsc-cog/sdk` instead.
 */
// The engine reads decorator metadata (`design:paramtypes`), which needs reflect-metadata loaded.
import "reflect-metadata";

export { coerceItemText, coerceScalarText, coerceText, unionListMember, wrapSecrets } from "./coerce/coerce-text.js";
export type { InputDecoration, TypeHint } from "./input/options.js";
export { MetadataKeys } from "./metadata/keys.js";
export { isPredictorClass } from "./predictor/base-predictor.js";
export { ByteRedactor } from "./redact/byte-redactor.js";
export { hasLoneSurrogate, MIN_STREAM_SECRET_LENGTH, secretForms } from "./redact/forms.js";
export { Redactor, type SecretKind } from "./redact/redactor.js";
export { RedactingStream } from "./redact/stream.js";
export { TextRedactor } from "./redact/text-redactor.js";
export { COG_SCHEMA_VERSION, generateOpenApiSchema, type OpenApiSchemaOptions } from "./schema/document.js";
export type { OpenApiDocument, SchemaObject } from "./schema/openapi.js";
export { metricNameProblem } from "./scope/metric-name.js";
export { PredictionScope, runInScope } from "./scope/scope.js";
export { describePredictor } from "./spec/describe-predictor.js";
export type { FieldSpec, InputOrigin, InputSpec, OutputShape, OutputSpec, PredictorSpec } from "./spec/types.js";
export { type BaseType, describeType, type InputType, type MemberType } from "./types/type-tokens.js";
export { invalidInput, unknownInputsIssue } from "./validate/issues.js";
export { buildInputInstance, type UnknownInputPolicy, type ValidationResult, validateInputs } from "./validate/validate-inputs.js";
