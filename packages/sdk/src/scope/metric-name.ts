/** The longest metric name Cog accepts, in characters. */
const MAX_NAME_LENGTH = 128;
/** The most dot-separated segments a metric name may have. */
const MAX_SEGMENTS = 4;

/**
 * Why `name` cannot be a metric name, in Cog's words (`coglet_metrics_validation`), or `undefined`
 * when it can. Each dot-separated segment must match `[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*`;
 * `predict_time` and the `cog.` prefix are the runtime's own.
 */
export function metricNameProblem(name: string): string | undefined {
  if (name === "") return "metric name must not be empty";
  const length = [...name].length;
  if (length > MAX_NAME_LENGTH) return `metric name must be ${MAX_NAME_LENGTH} characters or fewer (got ${length} characters)`;
  if (name === "predict_time") return "'predict_time' is reserved by the runtime";
  if (name.startsWith("cog.")) return "the 'cog.' prefix is reserved for system metrics";
  if (name.startsWith(".")) return "metric name must not start with a dot";
  if (name.endsWith(".")) return "metric name must not end with a dot";
  if (name.includes("..")) return "metric name must not contain empty segments (consecutive dots)";
  const segments = name.split(".");
  if (segments.length > MAX_SEGMENTS)
    return `metric name must have at most ${MAX_SEGMENTS} dot-separated segments (got ${segments.length})`;
  for (const segment of segments) {
    const problem = segmentProblem(segment);
    if (problem) return problem;
  }
  return undefined;
}

function segmentProblem(segment: string): string | undefined {
  if (!/^[A-Za-z]/.test(segment)) return `metric name segment '${segment}' must start with a letter`;
  const invalid = [...segment].find((c) => !/[A-Za-z0-9_]/.test(c));
  if (invalid !== undefined) return `metric name segment '${segment}' contains invalid character '${invalid}'`;
  if (segment.includes("__")) return `metric name segment '${segment}' must not contain consecutive underscores`;
  if (segment.endsWith("_")) return `metric name segment '${segment}' must end with a letter or digit`;
  return undefined;
}
