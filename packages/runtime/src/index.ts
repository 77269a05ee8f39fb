export { type FailureStage, PredictorFailure } from "./core/failure.js";
export { InputProblem, unresolvableInput } from "./core/input-problem.js";
export {
  containsPath,
  outputExtension,
  outputMediaType,
  readScrubbedFile,
  replacePaths,
  scrubbedFileStream,
} from "./core/output-values.js";
export {
  describeFsError,
  isDataUrl,
  isHttpUrl,
  type PathInputContext,
  parseDataUrl,
  resolvePathInput,
  toDataUrl,
} from "./core/path-inputs.js";
export { type PredictionEvent, type PredictionOutcome, PredictionRun } from "./core/prediction-run.js";
export { type HealthcheckResult, type PredictOptions, PredictorSession, type SessionOptions } from "./core/predictor-session.js";
export type { LogListener, LogOwner } from "./core/worker-logs.js";
export { type CogConfig, MAX_PREDICTION_CONCURRENCY, parseCogConfig, readCogConfig } from "./project/cog-yaml.js";
export { UsageError } from "./project/errors.js";
export { locateProject, type ProjectLocation } from "./project/locate.js";
export {
  lookupSecret,
  placesFor,
  resolveDeploymentSecrets,
  SECRET_ENV_PREFIX,
  SecretNotFoundError,
  type SecretSource,
  type SecretSources,
  withoutSecretVariables,
} from "./secrets/resolve.js";
export {
  checkSecretName,
  listStoredSecrets,
  readStoredSecret,
  removeStoredSecret,
  secretStoreDir,
  writeStoredSecret,
} from "./secrets/store.js";
export { dropTrailingNewline } from "./values/text.js";
export type { ForkedWorker, WorkerOutput } from "./worker/fork-worker.js";
export type { WorkerOptions } from "./worker/worker-client.js";
