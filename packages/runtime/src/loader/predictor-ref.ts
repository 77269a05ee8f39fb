/** A predictor reference split into its parts: `path/to/predict.ts:Predictor`. */
export interface PredictorRef {
  /** The file part, as written (relative to the working directory, or absolute). */
  readonly file: string;
  /** The export to load; `Predictor` when the reference names none. */
  readonly exportName: string;
}

/** The export a reference without `:Export` names, as in Cog's `predict.py:Predictor`. */
export const DEFAULT_PREDICTOR_EXPORT = "Predictor";

/** A colon followed by an identifier up to the end: `:Predictor`, never a Windows drive's `C:\`. */
const EXPORT_SUFFIX = /:([\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*)$/u;

/**
 * Splits `path/to/file.ts[:Export]` on its last colon that is followed by an identifier, so that
 * `C:\models\predict.ts` is a file and `C:\models\predict.ts:Generator` names the export `Generator`.
 */
export function parsePredictorRef(ref: string): PredictorRef {
  const { file, exportName } = splitPredictorRef(ref);
  return { file, exportName: exportName ?? DEFAULT_PREDICTOR_EXPORT };
}

/**
 * {@link parsePredictorRef} without the default: `exportName` is `undefined` when the reference has
 * no `:Export` suffix, for callers that rewrite a reference and keep it as it was written.
 */
export function splitPredictorRef(ref: string): { readonly file: string; readonly exportName?: string } {
  const match = EXPORT_SUFFIX.exec(ref);
  if (match === null) return { file: ref };
  return { file: ref.slice(0, match.index), exportName: match[1] };
}
