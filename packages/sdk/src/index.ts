// reflect-metadata must be loaded before any decorated class is evaluated: importing the SDK does it.
import "reflect-metadata";

export { coerceScalarText, coerceText, wrapSecrets } from "./coerce/coerce-text.js";
export { Input, type InputDecorator, Inputs, SecretInput, type SecretInputOptions } from "./input/decorators.js";
export type { InputDecoration, InputOptions, TypeHint } from "./input/options.js";
export { MetadataKeys } from "./metadata/keys.js";
export { Field, type FieldOptions, Output, type OutputClass, type OutputDeclaration } from "./output/decorators.js";
export { isPath, Path } from "./path/path.js";
export { BasePredictor, isPredictorClass } from "./predictor/base-predictor.js";
export { Secrets, UndeclaredSecretError } from "./predictor/secrets.js";
export { hasLoneSurrogate, MIN_STREAM_SECRET_LENGTH, secretForms } from "./redact/forms.js";
export { Redactor, type SecretKind } from "./redact/redactor.js";
export { RedactingStream } from "./redact/stream.js";
export { TextRedactor } from "./redact/text-redactor.js";
export { COG_SCHEMA_VERSION, generateOpenApiSchema, type OpenApiSchemaOptions } from "./schema/document.js";
export type { OpenApiDocument, SchemaObject } from "./schema/openapi.js";
export { isSecret, SECRET_MASK, Secret } from "./secret/secret.js";
export { type DefinitionProblem, PredictorDefinitionError } from "./spec/definition-error.js";
export { describePredictor } from "./spec/describe-predictor.js";
export type { FieldSpec, InputOrigin, InputSpec, OutputShape, OutputSpec, PredictorSpec } from "./spec/types.js";
export { type BaseType, describeType, type InputType, Int, type ScalarTypeToken, type TypeToken } from "./types/type-tokens.js";
export { type InputIssue, type InputIssueCode, InputValidationError, invalidInput, unknownInputsIssue } from "./validate/issues.js";
export { buildInputInstance, type UnknownInputPolicy, type ValidationResult, validateInputs } from "./validate/validate-inputs.js";
