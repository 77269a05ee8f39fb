import { MetadataKeys } from "../metadata/keys.js";
import type { Secrets } from "./secrets.js";
import { emptySecrets } from "./secrets.js";

/**
 * The base class of a predictor. Override `setup()` for one-time work (load weights, read
 * deployment secrets through `this.secrets`) and `predict()` (or its alias `run()`) for one
 * prediction. `predict()` may be async, or an async generator to stream outputs.
 */
export abstract class BasePredictor {
  /**
   * The deployment secrets declared in cog.yaml (`secrets: { hf_token: null }`), resolved before
   * `setup()` runs. `this.secrets.get("hf_token")` gives a `Secret`.
   */
  secrets: Secrets = emptySecrets();

  /** One-time preparation, called once before the first prediction. */
  setup(): void | Promise<void> {}

  static {
    Object.defineProperty(BasePredictor, MetadataKeys.predictorBrand, { value: true });
  }
}

/**
 * True when `value` is a class that extends BasePredictor (of any SDK copy) or otherwise has a
 * `predict` or `run` method on its prototype.
 */
export function isPredictorClass(value: unknown): value is new () => BasePredictor {
  if (typeof value !== "function" || !value.prototype) return false;
  if ((value as unknown as Record<symbol, unknown>)[MetadataKeys.predictorBrand] === true) {
    return typeof value.prototype.predict === "function" || typeof value.prototype.run === "function";
  }
  return false;
}
