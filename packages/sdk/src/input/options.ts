import type { TypeToken } from "../types/type-tokens.js";

/** The options of `@Input(...)`, as Cog's `Input(...)` (snake_case names become camelCase). */
export interface InputOptions {
  /** Shown in the schema and in `tsc-cog predict --help`. */
  readonly description?: string;
  /** The value used when the input is omitted. Without it the input is required; `null` makes it nullable. */
  readonly default?: unknown;
  /** The input may be omitted and is then `null` (Cog's `Optional[T]`). */
  readonly nullable?: boolean;
  /** Minimum for number and integer inputs (inclusive). */
  readonly ge?: number;
  /** Maximum for number and integer inputs (inclusive). */
  readonly le?: number;
  /** Minimum length of a string or Secret input. */
  readonly minLength?: number;
  /** Maximum length of a string or Secret input. */
  readonly maxLength?: number;
  /** A regular expression a string or Secret input must match (a string, or a RegExp whose source is used). */
  readonly regex?: string | RegExp;
  /** The allowed values (at least two) of a string or integer input. */
  readonly choices?: readonly (string | number)[];
  /** Marks the input deprecated in the schema. */
  readonly deprecated?: boolean;
  /** For Path inputs: accepted MIME types or extensions (`"image/*,.txt"`), as `x-cog-accept`. */
  readonly accept?: string;
  /** Refines the declared TypeScript type: `Int`, `[String]`, `[Path]`, `Object`, `Union(String, Number)`… */
  readonly type?: TypeToken;
  /** The input's name, when it should differ from the parameter or property name. */
  readonly name?: string;
}

/** What `@Input`/`@SecretInput` record: the options as written, and which decorator wrote them. */
export interface InputDecoration {
  readonly kind: "input" | "secret";
  readonly options: InputOptions;
  /** The property, for a decorated property of an input class. */
  readonly propertyKey?: string;
}

/** A type hint written by the runtime's swc loader for annotations that decorator metadata loses. */
export interface TypeHint {
  readonly nullable?: boolean;
  readonly type?: unknown;
  /** The members of a union of two or more non-null types (`string | number`), as tokens or markers (see `resolveUnion`). */
  readonly union?: readonly unknown[];
}
