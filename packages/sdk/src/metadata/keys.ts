/**
 * Every metadata key tsc-cog uses, in one place. Keys are `Symbol.for(...)` so that two copies of the
 * SDK loaded into one process (the CLI's and a project's own) read and write the same registry.
 */
export const MetadataKeys = {
  /** Parameter decorations of a method: `Map<methodName, Map<parameterIndex, InputDecoration>>` on the prototype. */
  parameterInputs: Symbol.for("tsc-cog.parameter-inputs"),
  /** Property decorations of an input class: `InputDecoration[]` on the prototype, in declaration order. */
  propertyInputs: Symbol.for("tsc-cog.property-inputs"),
  /** `@Inputs()` marks: `Map<methodName, parameterIndex>` on the prototype. */
  inputClassParameter: Symbol.for("tsc-cog.input-class-parameter"),
  /** `@Output(type)` on a method: `Map<methodName, OutputDeclaration>` on the prototype. */
  output: Symbol.for("tsc-cog.output"),
  /** `@Streaming()` on a method: `Map<methodName, true>` on the prototype. */
  streaming: Symbol.for("tsc-cog.streaming"),
  /** `@Concurrent()` on a method: `Map<methodName, ConcurrentOptions>` on the prototype. */
  concurrent: Symbol.for("tsc-cog.concurrent"),
  /** `@Field()` decorations of an output class: `FieldDecoration[]` on the prototype. */
  outputFields: Symbol.for("tsc-cog.output-fields"),
  /**
   * Type hints written by the runtime's swc loader (see `@tsc-cog/runtime` loader/type-hints) for
   * annotations that swc's decorator metadata loses (`T | null` → `Object`, `T[]` → `Array`):
   * a global `WeakMap<object, Map<"method#index" | "property#", TypeHint>>`.
   */
  typeHints: Symbol.for("tsc-cog.type-hints"),
  /** Brand on Secret instances so that two SDK copies recognise each other's secrets. */
  secretBrand: Symbol.for("tsc-cog.secret"),
  /** Brand on Path instances, likewise. */
  pathBrand: Symbol.for("tsc-cog.path"),
  /** Brand on BasePredictor subclasses. */
  predictorBrand: Symbol.for("tsc-cog.predictor"),
} as const;
