import { classNameInsertions } from "./class-names.js";
import { applyInsertions, parseForEdits } from "./source-edits.js";
import { typeHintDecorator, typeHintDecoratorName, typeHintInsertions } from "./type-hints.js";

/**
 * Edits a predictor's TypeScript source before swc compiles it, for what swc's decorator transform
 * loses: the declared types of `T | null`, `T[]` and object parameters and properties (type-hint
 * decorators, see `typeHintInsertions`) and the names of decorated class expressions (see
 * `classNameInsertions`). Text is only inserted within lines and the decorator's definition appended
 * after the last line, so every line keeps its number. A source with nothing to recover, or that
 * does not parse, is returned unchanged (for the compiler to report the error at its true place).
 */
export function preparePredictorSource(source: string): string {
  const parsed = parseForEdits(source);
  if (parsed === undefined) return source;
  const decorator = typeHintDecoratorName(source);
  const hints = typeHintInsertions(parsed.module, decorator);
  const names = classNameInsertions(parsed.module);
  if (hints.length === 0 && names.length === 0) return source;
  const edited = applyInsertions(source, parsed, [...hints, ...names]);
  // Appended, not prepended: the definition is hoisted, and line 1 (maybe a shebang) stays as written.
  return hints.length === 0 ? edited : `${edited}\n${typeHintDecorator(decorator)}\n`;
}
