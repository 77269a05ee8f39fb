export { type CogConfig, parseCogConfig, readCogConfig } from "./project/cog-yaml.js";
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
export { encodeOutput, OutputEncodingError } from "./values/encode-output.js";
export { dropTrailingNewline } from "./values/text.js";
export { fromWire, toWire, toWireError } from "./values/wire.js";
export { WorkerExitedError, WorkerFailure } from "./worker/errors.js";
export type { ParentMessage, WireError, WireSpec, WireValue, WorkerMessage } from "./worker/protocol.js";
export { specFromWire } from "./worker/wire-spec.js";
export { type PredictionEvent, PredictorWorker, type WorkerOptions } from "./worker/worker-client.js";
