/** Why a predictor could not be loaded. */
export type PredictorLoadErrorCode = "file-not-found" | "syntax" | "missing-export" | "not-a-predictor" | "import-failed";

/**
 * A predictor that cannot be loaded: its file is missing, does not parse, lacks the export, the
 * export is not a predictor class, or importing it threw (`cause` holds the original error). The
 * message is written for the user and names the file as given, relative to the working directory.
 */
export class PredictorLoadError extends Error {
  /**
   * @param code what went wrong, for callers that react differently to each case.
   * @param message the one-line explanation shown to the user.
   */
  constructor(
    readonly code: PredictorLoadErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "PredictorLoadError";
  }
}
