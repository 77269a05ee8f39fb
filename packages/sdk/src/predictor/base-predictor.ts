import { MetadataKeys } from "../metadata/keys.js";
import type { MetricMode, MetricValue } from "../scope/metrics.js";
import { currentScope } from "../scope/scope.js";
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

  /**
   * Optional: says whether the predictor can serve, for `GET /health-check` (asked only when the
   * server is READY or BUSY, alongside predictions). Return `false` or throw to report UNHEALTHY; it
   * has 5 seconds. A synchronous one that blocks also blocks the worker: prefer an async one.
   */
  healthcheck?(): boolean | undefined | Promise<boolean | undefined>;

  /** Records a metric of the prediction running now: `currentScope().recordMetric(key, value, mode)`. */
  recordMetric(key: string, value: MetricValue, mode?: MetricMode): void {
    currentScope().recordMetric(key, value, mode);
  }

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
