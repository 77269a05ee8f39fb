import { MetadataKeys } from "../metadata/keys.js";
import { recordClassItem, recordInputClassParameter, recordParameterInput } from "../metadata/registry.js";
import type { Secret } from "../secret/secret.js";
import type { InputDecoration, InputOptions } from "./options.js";

/** A decorator usable on a `predict()` parameter and on an input-class property. */
export type InputDecorator = (target: object, propertyKey: string | symbol | undefined, index?: number | PropertyDescriptor) => void;

function recordInput(decoration: Omit<InputDecoration, "propertyKey">): InputDecorator {
  return (target, propertyKey, index) => {
    if (typeof index === "number") {
      recordParameterInput(target, String(propertyKey ?? "constructor"), index, decoration);
    } else {
      recordClassItem(target, MetadataKeys.propertyInputs, { ...decoration, propertyKey: String(propertyKey) });
    }
  };
}

/**
 * Declares an input: on a `predict()` parameter, or on a property of an input class.
 * The type comes from the TypeScript annotation, refined by `type:`; without `default` the input is required.
 *
 * @example
 * predict(@Input({ description: "Repeats", type: Int, default: 1, ge: 1, le: 5 }) n: number)
 */
export function Input(options: InputOptions = {}): InputDecorator {
  return recordInput({ kind: "input", options: { ...options } });
}

/** Options of {@link SecretInput}: those of `@Input`, with the type fixed to `Secret` (or a list of them). */
export type SecretInputOptions = Omit<InputOptions, "type" | "default" | "choices" | "ge" | "le"> & {
  /** Only `null` (an optional secret): a literal value would be published in the schema. */
  readonly default?: null;
  readonly type?: typeof Secret | readonly [typeof Secret];
};

/**
 * Declares a secret input: the value arrives wrapped in a `Secret`, is masked everywhere tsc-cog
 * prints, and is scrubbed from the predictor's logs and outputs.
 */
export function SecretInput(options: SecretInputOptions = {}): InputDecorator {
  return recordInput({ kind: "secret", options: { ...options } });
}

/**
 * Marks a `predict()` parameter as an input class: its `@Input`/`@SecretInput` properties are the
 * predictor's inputs, and any class-validator decorators on them take part in validation.
 */
export function Inputs(): ParameterDecorator {
  return (target, propertyKey, index) => recordInputClassParameter(target, String(propertyKey), index);
}
