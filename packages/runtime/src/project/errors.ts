/**
 * A problem with how tsc-cog was asked to run — a bad cog.yaml, a predictor that cannot be found, a
 * flag that makes no sense — found before anything ran. `code` says which kind (`USAGE`, or a subclass's
 * own); the CLI's `main` maps it to an exit code, nothing in the runtime knows about those.
 */
export class UsageError extends Error {
  readonly code: string = "USAGE";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UsageError";
  }
}
