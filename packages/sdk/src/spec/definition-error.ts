/** One problem in a predictor's definition: where it is, what is wrong, and how to fix it. */
export interface DefinitionProblem {
  /** e.g. `Predictor.predict() parameter "n" (index 1)` */
  readonly where: string;
  readonly problem: string;
  readonly fix: string;
}

/**
 * A predictor whose decorators describe inputs or outputs tsc-cog cannot use. Every problem is
 * found and listed at once, each with the class, method, parameter and the fix.
 */
export class PredictorDefinitionError extends Error {
  readonly problems: readonly DefinitionProblem[];

  constructor(className: string, problems: readonly DefinitionProblem[]) {
    const count = problems.length === 1 ? "a problem" : `${problems.length} problems`;
    const lines = problems.map((p) => `- ${p.where}: ${p.problem}. Fix: ${p.fix}`);
    super(`predictor ${className} has ${count} in its definition:\n${lines.join("\n")}`);
    this.name = "PredictorDefinitionError";
    this.problems = problems;
  }
}
