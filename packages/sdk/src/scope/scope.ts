import { AsyncLocalStorage } from "node:async_hooks";
import type { AbortSignalLike } from "./abort-signal.js";
import { type MetricMode, MetricSet, type MetricValue } from "./metrics.js";

/** What a predictor can see of the prediction it is running (Cog's `current_scope()`). */
export interface Scope {
  /** The request's `context` (string to string), a fresh copy; `{}` outside a prediction. Its values are secrets. */
  readonly context: Record<string, string>;
  /**
   * Aborts when the prediction is canceled: pass it to `fetch`, timers and child processes so that a
   * canceled prediction stops at once (a `@Concurrent` predictor's slot is free only when it returns).
   * Outside a prediction it never aborts.
   */
  readonly signal: AbortSignalLike;
  /**
   * Records a metric of this prediction (see {@link MetricMode}); a no-op outside a prediction.
   * Throws on a bad name, value or mode, with Cog's messages.
   */
  recordMetric(key: string, value: MetricValue, mode?: MetricMode): void;
}

/**
 * One running prediction's scope, made by the worker around `predict()`: its context and the
 * metrics it records.
 */
export class PredictionScope implements Scope {
  readonly metrics = new MetricSet();
  readonly signal: AbortSignalLike;
  readonly #context: Readonly<Record<string, string>>;

  constructor(context: Readonly<Record<string, string>> = {}, signal: AbortSignalLike = new AbortController().signal) {
    this.#context = { ...context };
    this.signal = signal;
  }

  get context(): Record<string, string> {
    return { ...this.#context };
  }

  recordMetric(key: string, value: MetricValue, mode?: MetricMode): void {
    this.metrics.record(key, value, mode);
  }
}

const outside: Scope = {
  get context() {
    return {};
  },
  signal: new AbortController().signal,
  recordMetric() {},
};

// One store per process, shared by every copy of the SDK (a project may have its own copy besides the
// CLI's): the worker sets the scope with its copy, the predictor reads it with the project's.
const STORE = Symbol.for("tsc-cog.prediction-scope");
const store: AsyncLocalStorage<Scope> = ((globalThis as Record<symbol, unknown>)[STORE] ??=
  new AsyncLocalStorage<Scope>()) as AsyncLocalStorage<Scope>;

/** The scope of the prediction being run here; outside one, a scope with no context whose `recordMetric` does nothing. */
export function currentScope(): Scope {
  return store.getStore() ?? outside;
}

/** Runs `work` with `scope` as {@link currentScope} (for the worker, around one prediction). */
export function runInScope<T>(scope: Scope, work: () => T): T {
  return store.run(scope, work);
}
