/**
 * `@tsc-cog/sdk/worker`: what a worker process needs to describe a predictor class and run its
 * predictions — a part of `@tsc-cog/sdk/engine`, whose coercion, OpenAPI schema and redaction modules
 * the worker never uses and so does not load (a shorter start-up: BENCHMARKS.md, Start-up). The same
 * modules as the engine's: importing both gives one copy of each.
 */
// describePredictor reads decorator metadata (`design:paramtypes`), which needs reflect-metadata loaded.
import "reflect-metadata";

export { isPredictorClass } from "./predictor/base-predictor.js";
export { PredictionScope, runInScope } from "./scope/scope.js";
export { describePredictor } from "./spec/describe-predictor.js";
export type { FieldSpec, InputOrigin, InputSpec, OutputShape, OutputSpec, PredictorSpec } from "./spec/types.js";
export { buildInputInstance, type UnknownInputPolicy, type ValidationResult, validateInputs } from "./validate/validate-inputs.js";
