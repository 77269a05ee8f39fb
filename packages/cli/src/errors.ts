/** The predictor failed (load, setup or predict): exit 1. Messages are already redacted. */
export class PredictionFailedError extends Error {
  /** The redacted stack trace, printed only with --debug. */
  readonly detail?: string;
  /** The envelope was printed already (--json): print only the one-line error. */
  readonly reported: boolean;
  readonly causes: readonly string[];

  constructor(message: string, detail?: string, reported = false, causes: readonly string[] = []) {
    super(message);
    this.name = "PredictionFailedError";
    this.detail = detail;
    this.reported = reported;
    this.causes = causes;
  }
}

/** The user pressed Ctrl-C: the prediction was cancelled, exit 130. */
export class CancelledError extends Error {
  constructor() {
    super("prediction cancelled");
    this.name = "CancelledError";
  }
}

/** A command's outside step failed (a container build): exit 1, its message as is. */
export class CommandFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandFailedError";
  }
}
