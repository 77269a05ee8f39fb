import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { isSecretName } from "../secrets/store.js";
import { UsageError } from "./errors.js";

/** What tsc-cog reads from a project's cog.yaml. */
export interface CogConfig {
  /** The file cog.yaml was read from. */
  readonly file: string;
  /** `predict: "predict.ts:Predictor"` (or Cog 0.20's `run:`). */
  readonly predict?: string;
  /** Names of the deployment secrets the predictor needs, declared as `secrets: { name: null }`. */
  readonly secrets: readonly string[];
  /**
   * `concurrency: { max: N }`: predictions one worker runs at once. It wins over the predictor's
   * `@Concurrent({ max })`, and `$COG_MAX_CONCURRENCY` wins over it. Present only when `max` is given.
   */
  readonly concurrency?: { readonly max: number };
}

/** Keys Cog's cog.yaml may hold; tsc-cog uses `predict`/`run`, `secrets` and `concurrency` and tolerates the rest. */
const KNOWN_KEYS = ["build", "concurrency", "environment", "image", "predict", "run", "secrets", "train", "weights", "tests"];

/** Reads `dir/cog.yaml`, or returns `undefined` when there is none. Malformed files are a {@link UsageError}. */
export function readCogConfig(dir: string): CogConfig | undefined {
  const file = join(dir, "cog.yaml");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseCogConfig(text, file);
}

/** Parses the text of a cog.yaml, checking every key tsc-cog uses. */
export function parseCogConfig(text: string, file: string): CogConfig {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    // The parser's first line ends with ":" before a code frame; the frame is left out, so is the colon.
    throw new UsageError(`${file} is not valid YAML: ${(error as Error).message.split("\n")[0].replace(/:$/, "")}`);
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) throw new UsageError(`${file} must be a mapping of keys (predict:, secrets: …)`);
  const record = data as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !KNOWN_KEYS.includes(key));
  if (unknown.length > 0) {
    throw new UsageError(
      `${file} has unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}; known keys are: ${KNOWN_KEYS.join(", ")}`,
    );
  }
  const predict = record.predict ?? record.run;
  if (predict !== undefined && typeof predict !== "string") {
    throw new UsageError(`${file}: predict must be a string such as "predict.ts:Predictor"`);
  }
  const concurrency = parseConcurrency(record.concurrency, file);
  return {
    file,
    ...(predict !== undefined ? { predict } : {}),
    secrets: parseSecrets(record.secrets, file),
    ...(concurrency !== undefined ? { concurrency } : {}),
  };
}

/**
 * The most predictions one worker may run at once, for the deployment's settings (cog.yaml,
 * `COG_MAX_CONCURRENCY`); the SDK's `@Concurrent` has the same bound (its `MAX_CONCURRENT`).
 */
export const MAX_PREDICTION_CONCURRENCY = 1024;

/** Keys tsc-cog reads under `concurrency:`. */
const CONCURRENCY_KEYS = ["max"];

/** `concurrency: { max: N }`, N a whole number from 1 to {@link MAX_PREDICTION_CONCURRENCY}; `undefined` without `max`. */
function parseConcurrency(value: unknown, file: string): { max: number } | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`${file}: concurrency must be a mapping, e.g.\nconcurrency:\n  max: 4`);
  }
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !CONCURRENCY_KEYS.includes(key));
  if (unknown.length > 0) {
    throw new UsageError(
      `${file}: concurrency has unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}; the known key is: max`,
    );
  }
  const max = record.max;
  if (max === undefined || max === null) return undefined;
  if (typeof max !== "number" || !Number.isSafeInteger(max) || max < 1) {
    throw new UsageError(`${file}: concurrency.max must be a whole number of at least 1, got ${JSON.stringify(max)}`);
  }
  if (max > MAX_PREDICTION_CONCURRENCY) {
    throw new UsageError(`${file}: concurrency.max must be at most ${MAX_PREDICTION_CONCURRENCY}, got ${max}`);
  }
  return { max };
}

/**
 * `secrets:` declares names only (`hf_token: null`, as Truss's config). A value there is refused, not
 * used as a default: cog.yaml is committed and copied into images, so a value in it is already leaked.
 */
function parseSecrets(value: unknown, file: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`${file}: secrets must be a mapping of names to null, e.g.\nsecrets:\n  hf_token: null`);
  }
  const problems: string[] = [];
  for (const [name, secretValue] of Object.entries(value)) {
    if (!isSecretName(name)) problems.push(`secret name "${name}" may only contain letters, digits, ".", "_" and "-"`);
    if (secretValue !== null) {
      // Never echo the value: it may be a real credential committed by mistake.
      problems.push(
        `secret "${name}" has a value in cog.yaml; cog.yaml only declares names (write \`${name}: null\`) because it is committed and copied into images. Supply the value at run time: a file /secrets/${name} (--secrets-dir), the environment variable TSC_COG_SECRET_${name}, or \`tsc-cog secrets set ${name}\` — and if the value was a real credential that was ever committed, rotate it`,
      );
    }
  }
  if (problems.length === 1) throw new UsageError(`${file}: ${problems[0]}`);
  if (problems.length > 1) throw new UsageError(`${file}:\n- ${problems.join("\n- ")}`);
  return Object.keys(value);
}
