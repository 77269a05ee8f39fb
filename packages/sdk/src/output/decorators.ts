import { MetadataKeys } from "../metadata/keys.js";
import { recordClassItem, recordMethodValue } from "../metadata/registry.js";
import type { TypeToken } from "../types/type-tokens.js";

/** A class whose `@Field` properties describe a structured output. */
export type OutputClass = abstract new (...args: never[]) => object;

/**
 * What `@Output(...)` accepts: a type token (`String`, `Int`, `Path`, `[String]`…), an output class
 * (or a one-element list of one), an iterator of either (`{ iterator: String }`), or a concatenate
 * iterator of strings (`{ concatenate: true }`).
 */
export type OutputDeclaration =
  | TypeToken
  | OutputClass
  | readonly [OutputClass]
  | { readonly iterator: TypeToken | OutputClass }
  | { readonly concatenate: true };

/** Declares the output type of `predict()` for the schema. Without it the output is unconstrained. */
export function Output(declaration: OutputDeclaration): MethodDecorator {
  return (target, propertyKey) => recordMethodValue(target, MetadataKeys.output, String(propertyKey), declaration);
}

/** The options of `@Field(...)` on an output-class property. */
export interface FieldOptions {
  readonly description?: string;
  /** The field may be `null`: `"nullable": true` in the schema, and not required. */
  readonly nullable?: boolean;
  /** Refines the declared type: `Int`, `[String]`, `Object`… */
  readonly type?: TypeToken;
}

/** What `@Field` records. */
export interface FieldDecoration {
  readonly propertyKey: string;
  readonly options: FieldOptions;
}

/** Declares a field of an output class; its type comes from the annotation, refined by `type:`. */
export function Field(options: FieldOptions = {}): PropertyDecorator {
  return (target, propertyKey) =>
    recordClassItem<FieldDecoration>(target, MetadataKeys.outputFields, { propertyKey: String(propertyKey), options: { ...options } });
}

/**
 * Marks `predict()` (or `run()`) as streaming: `tsc-cog serve` answers `Accept: text/event-stream`
 * with server-sent events as it yields (without it, such a request is a 406). The method must stream:
 * a generator, or `@Output({ iterator: T })` / `@Output({ concatenate: true })`.
 */
export function Streaming(): MethodDecorator {
  return (target, propertyKey) => recordMethodValue(target, MetadataKeys.streaming, String(propertyKey), true);
}
