/**
 * `@tsc-cog/sdk`: what a predictor's author imports — the base class, the decorators, the value types
 * (Secret, Path, Int, Secrets), their option types and the errors a predictor can meet. The machinery
 * that reads the decorators (coercion, validation, schema, redaction) is `@tsc-cog/sdk/engine`.
 */
// reflect-metadata must be loaded before any decorated class is evaluated: importing the SDK does it.
import "reflect-metadata";

export { Input, type InputDecorator, Inputs, SecretInput, type SecretInputOptions } from "./input/decorators.js";
export type { InputOptions } from "./input/options.js";
export { Field, type FieldOptions, Output, type OutputClass, type OutputDeclaration, Streaming } from "./output/decorators.js";
// isPath/isSecret are for authors too: a value may come from another copy of the SDK (the CLI's own,
// when the project has one of its own), where `instanceof` fails and the brand check does not.
export { isPath, Path } from "./path/path.js";
export { BasePredictor } from "./predictor/base-predictor.js";
export { Concurrent, type ConcurrentOptions } from "./predictor/concurrent.js";
export { Secrets, UndeclaredSecretError } from "./predictor/secrets.js";
export type { MetricMode, MetricValue } from "./scope/metrics.js";
export { currentScope, type Scope } from "./scope/scope.js";
// SECRET_MASK is what every rendering of a Secret shows: an author's own tests assert against it.
export { isSecret, SECRET_MASK, Secret } from "./secret/secret.js";
export { type DefinitionProblem, PredictorDefinitionError } from "./spec/definition-error.js";
export { Int, type ScalarTypeToken, type TypeToken, Union, type UnionToken } from "./types/type-tokens.js";
export { type InputIssue, type InputIssueCode, InputValidationError } from "./validate/issues.js";
