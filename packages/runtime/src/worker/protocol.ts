import type { InputIssue } from "@tsc-cog/sdk";
import type { InputSpec, OutputSpec } from "@tsc-cog/sdk/engine";

/**
 * The messages between the parent (CLI or server) and the worker process that runs the predictor.
 * The order is: worker `spec` (or `load-failed`) → parent `setup` → worker `setup-done` (or
 * `setup-failed`) → for each prediction: parent `predict` (and maybe `cancel`) → worker `output`* (and
 * `log`*) then `done`, `failed` or `invalid` → … → parent `shutdown`. Predictions may overlap (up to
 * the `maxConcurrency` given at setup); their messages carry their id. Values cross as {@link WireValue}s.
 * The channel carries JSON: every message is plain data (strings, finite numbers, booleans, arrays,
 * objects), which JSON keeps exactly; the one binary field, a `log` message's bytes, crosses as base64.
 */
export type ParentMessage =
  | {
      /** For a worker forked without a predictor: load this one, after moving to `cwd` and updating the environment. */
      readonly type: "load";
      readonly ref: string;
      readonly cwd: string;
      readonly env: Readonly<Record<string, string>>;
      readonly unset: readonly string[];
    }
  | {
      readonly type: "setup";
      readonly secrets: Readonly<Record<string, string>>;
      /** Predictions the worker may run at once; above 1 it captures each one's logs (see `log`). */
      readonly maxConcurrency: number;
    }
  | {
      readonly type: "predict";
      readonly id: string;
      readonly inputs: Readonly<Record<string, WireValue>>;
      /** The request's `context`, for `currentScope().context` (its values are secrets, registered before this is sent). */
      readonly context?: Readonly<Record<string, string>>;
    }
  /** Abort prediction `id`'s `currentScope().signal` and stop its generator; it still ends with its terminal message. */
  | { readonly type: "cancel"; readonly id: string }
  /** Run the predictor's `healthcheck()` (alongside a prediction, if one runs); answered by `healthcheck-result` with the same `id`. */
  | { readonly type: "healthcheck"; readonly id: number }
  | { readonly type: "shutdown" };

/** What the worker says. */
export type WorkerMessage =
  | { readonly type: "spec"; readonly spec: WireSpec }
  | { readonly type: "load-failed"; readonly error: WireError }
  | { readonly type: "setup-done" }
  | { readonly type: "setup-failed"; readonly error: WireError }
  | { readonly type: "output"; readonly id: string; readonly value: WireValue }
  /**
   * What prediction `id` printed (unscrubbed), as base64 (the channel is JSON): sent only when several
   * predictions run at once; else its logs are the pipe's.
   */
  | { readonly type: "log"; readonly id: string; readonly bytes: string }
  | { readonly type: "done"; readonly id: string; readonly value?: WireValue; readonly metrics?: WireMetrics }
  | { readonly type: "failed"; readonly id: string; readonly error: WireError; readonly metrics?: WireMetrics }
  /** `error` is Cog's `user_healthcheck_error` wording (unredacted); absent when healthy. */
  | { readonly type: "healthcheck-result"; readonly id: number; readonly error?: string }
  | { readonly type: "invalid"; readonly id: string; readonly issues: readonly InputIssue[] }
  /** An error thrown after its prediction ended (a timer, an unawaited rejection): reported, the worker keeps serving. */
  | { readonly type: "late-error"; readonly error: WireError };

/** The metrics a prediction recorded (`currentScope().recordMetric`), merged: plain JSON data. */
export type WireMetrics = Readonly<Record<string, unknown>>;

/** A predictor's description as the parent needs it: plain data, no classes. */
export interface WireSpec {
  readonly className: string;
  readonly inputs: readonly InputSpec[];
  readonly output: OutputSpec;
  readonly hasInputClass: boolean;
  /** `@Concurrent({ max })` (1 without it). */
  readonly maxConcurrency: number;
  /** `predict()` is async (an async function or async generator). */
  readonly isAsync: boolean;
}

/** An error as plain data. The parent redacts it before anything is shown. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
  /** Messages of the `cause` chain. */
  readonly causes?: readonly string[];
}

/**
 * A value crossing the process boundary as JSON data. Secrets and Paths are tagged, since classes do
 * not survive it: `{ $tscCogSecret: value }` and `{ $tscCogPath: absolutePath }`.
 */
export type WireValue = unknown;
