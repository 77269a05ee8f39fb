/**
 * A problem with how tsc-cog was asked to run: a bad cog.yaml, a predictor that cannot be found,
 * an input that cannot be resolved. Nothing has run yet; the CLI exits 2.
 */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UsageError";
  }
}
