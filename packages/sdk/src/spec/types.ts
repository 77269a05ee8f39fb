import type { InputType } from "../types/type-tokens.js";

/** Where an input was declared, for messages that point at the source. */
export interface InputOrigin {
  readonly className: string;
  readonly method: string;
  /** The `predict()` parameter's index (for an input class: the `@Inputs()` parameter's). */
  readonly parameterIndex: number;
  /** The parameter's name in the source, when it could be read. */
  readonly parameterName?: string;
  /** The input-class property, for inputs declared on an input class. */
  readonly property?: string;
}

/**
 * The single description of one input that every reader uses: coercer, validator, schema
 * generator, CLI help and server. Built once from the decorators' records by `describePredictor`.
 */
export interface InputSpec {
  readonly name: string;
  /** Position among the inputs: the schema's `x-order`. */
  readonly order: number;
  readonly type: InputType;
  /** The input may be omitted (or, where allowed, given as `null`) and is then `null`. */
  readonly nullable: boolean;
  /** No default and not nullable. */
  readonly required: boolean;
  readonly hasDefault: boolean;
  readonly default?: unknown;
  readonly description?: string;
  readonly ge?: number;
  readonly le?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** The regular expression's source. */
  readonly regex?: string;
  readonly choices?: readonly (string | number)[];
  readonly deprecated?: boolean;
  readonly accept?: string;
  readonly origin: InputOrigin;
}

/** One field of a structured output. */
export interface FieldSpec {
  readonly name: string;
  readonly type: InputType;
  readonly nullable: boolean;
  readonly description?: string;
}

/** What one output value looks like. */
export type OutputShape =
  | { readonly kind: "any" }
  | { readonly kind: "type"; readonly type: InputType }
  | { readonly kind: "object"; readonly fields: readonly FieldSpec[]; readonly list: boolean };

/** The declared output of `predict()`. */
export interface OutputSpec {
  readonly shape: OutputShape;
  /** Outputs are streamed: an (async) generator, or `{ iterator: T }`. */
  readonly iterator: boolean;
  /** A streamed string whose chunks are concatenated for display (`{ concatenate: true }`). */
  readonly concatenate: boolean;
  /** `@Streaming()`: the server streams it over SSE (`Accept: text/event-stream`); needs `iterator`. */
  readonly streaming?: boolean;
}

/** Everything tsc-cog knows about a predictor class. */
export interface PredictorSpec {
  readonly className: string;
  /** The method that predicts: `predict`, or `run` (Cog 0.20's name). */
  readonly method: "predict" | "run";
  readonly inputs: readonly InputSpec[];
  readonly output: OutputSpec;
  /** For input-class predictors: the class, and the index of its `@Inputs()` parameter. */
  readonly inputClass?: { readonly constructor: new () => object; readonly parameterIndex: number };
  /** The number of parameters `predict()` takes (inputs are passed by `origin.parameterIndex`). */
  readonly parameterCount: number;
  /** `@Concurrent({ max })`: how many predictions one worker may run at once (1 without it). */
  readonly maxConcurrency: number;
  /** `predict()` is an async function or an async generator (required for more than one at once). */
  readonly isAsync: boolean;
}
