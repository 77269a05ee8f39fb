import { isSecret } from "@tsc-cog/sdk";
import { type PredictorSpec, Redactor, type SecretKind } from "@tsc-cog/sdk/engine";
import { SECRET_ENV_PREFIX, withoutSecretVariables } from "../secrets/resolve.js";
import type { ForkedWorker } from "../worker/fork-worker.js";
import { specFromWire } from "../worker/wire-spec.js";
import { PredictorWorker, type WorkerOptions } from "../worker/worker-client.js";
import { predictionsAtOnce } from "./concurrency.js";
import { describeFailure, fromWireError, PredictorFailure } from "./failure.js";
import { PredictionRun } from "./prediction-run.js";
import { type LogListener, WorkerLogs } from "./worker-logs.js";

/** How to start (or adopt) the worker of a session. */
export interface SessionOptions extends WorkerOptions {
  /**
   * The environment to start the worker in, less its `TSC_COG_SECRET_*` variables: the session keeps
   * those from the worker and scrubs their values everywhere (see the constructor).
   */
  readonly env: NodeJS.ProcessEnv;
  /** Deployment secrets (cog.yaml `secrets:`), resolved: given to `setup()` and redacted everywhere. */
  readonly deploymentSecrets?: ReadonlyMap<string, string>;
  /** Other values to redact for the worker's whole life (a webhook token), by label. */
  readonly permanentSecrets?: ReadonlyMap<string, string>;
  /** Milliseconds `setup()` may take; 0 or unset for no limit. */
  readonly setupTimeoutMs?: number;
  /** A worker forked earlier without a predictor (the CLI's fast path) to adopt instead of forking one. */
  readonly preforked?: ForkedWorker;
  /**
   * Hold everything the worker prints until {@link PredictorSession.arm}: a caller that learns secrets
   * after the predictor has started loading (the CLI resolves secret inputs once it knows the spec)
   * arms once they are registered, so not even what the module prints while it loads gets out raw.
   */
  readonly holdLogs?: boolean;
  /**
   * How many predictions the worker runs at once, when the deployment says (`COG_MAX_CONCURRENCY`, or
   * cog.yaml's `concurrency: max:`); `from` names where it came from, for the error if `predict()` is
   * not async. Without it, the predictor's own `@Concurrent({ max })` (1 without that).
   */
  readonly concurrency?: { readonly max: number; readonly from: string };
}

/** What a prediction is given besides its inputs. */
export interface PredictOptions {
  /** The request's `context` (`currentScope().context`): every value is registered as a secret first. */
  readonly context?: Readonly<Record<string, string>>;
}

/** The predictor's `healthcheck()`: passed, or why not (redacted). */
export type HealthcheckResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** How long the parent waits for a healthcheck's answer (Cog's 10 s; the worker's own limit is 5 s). */
const HEALTHCHECK_PARENT_TIMEOUT_MS = 10_000;

/**
 * The prediction core: one worker process running one predictor, for its whole life, as the CLI and
 * the server both use it. It owns starting (or adopting) the worker, loading and describing the
 * predictor, `setup()` with its timeout, the secrets of the worker's lifetime (a secret stays
 * redacted in everything the worker emits for as long as it lives — bound memory by replacing the
 * worker, see {@link PredictorSession.secretCount}), one ordered and redacted log stream, predictions
 * and their cancellation, and the wording of every failure. Values in; decoded, redacted events out.
 */
export class PredictorSession {
  /** Every secret this worker has been given, for its whole life. */
  readonly redactor = new Redactor();
  readonly #worker: PredictorWorker;
  readonly #logs: WorkerLogs;
  readonly #options: SessionOptions;
  #spec: PredictorSpec | undefined;
  readonly #running = new Set<PredictionRun>();
  #capacity = 1;
  #healthcheck: Promise<HealthcheckResult> | undefined;

  private constructor(options: SessionOptions) {
    this.#options = options;
    for (const [name, value] of options.deploymentSecrets ?? []) this.redactor.register(value, name, "deployment");
    for (const [name, value] of options.permanentSecrets ?? []) this.redactor.register(value, name, "deployment");
    // Every `TSC_COG_SECRET_*` variable is a secret, declared in cog.yaml or not: the worker never gets one,
    // and each value is scrubbed for the worker's whole life (the predictor can still read its parent's
    // environment, /proc/<ppid>/environ on Linux).
    for (const [key, value] of Object.entries(options.env))
      if (key.startsWith(SECRET_ENV_PREFIX) && value) this.redactor.register(value, key.slice(SECRET_ENV_PREFIX.length), "deployment");
    const workerOptions = { ...options, env: withoutSecretVariables(options.env) };
    const worker = options.preforked ? PredictorWorker.adopt(options.preforked, workerOptions) : PredictorWorker.start(workerOptions);
    this.#worker = worker;
    this.#logs = new WorkerLogs(worker.output, this.redactor, { armed: options.holdLogs !== true });
  }

  /** Starts the worker at once (it loads the predictor while the caller goes on). */
  static start(options: SessionOptions): PredictorSession {
    return new PredictorSession(options);
  }

  /** Hears everything the worker prints, scrubbed, with the prediction it belongs to (`undefined`: load, setup, between predictions). */
  onLog(listener: LogListener): () => void {
    return this.#logs.onText(listener);
  }

  /**
   * Hears everything the worker prints as one stream scrubbed as one, from its start to its end (see
   * `WorkerLogs.onStream`): for an egress that shows all of it in order, such as a terminal.
   */
  onOutput(listener: (bytes: Buffer) => void): void {
    this.#logs.onStream(listener);
  }

  /** Hears an error the predictor threw after its prediction ended (a timer): the worker keeps serving. Redacted. */
  onLateError(listener: (failure: PredictorFailure) => void): void {
    this.#worker.onLateError((wire) => listener(fromWireError(wire, "predict", this.redactor)));
  }

  /** Resolves when the worker process has exited, saying how. */
  get exited(): Promise<{ readonly signal: NodeJS.Signals | null; readonly exitCode: number | null }> {
    return this.#worker.exited;
  }

  /** True once the worker process has exited. */
  get hasExited(): boolean {
    return this.#worker.hasExited;
  }

  /** Resolves when everything the worker printed has been read and released (after it exited). */
  get logsEnded(): Promise<void> {
    return this.#logs.ended;
  }

  /**
   * Waits for the worker's output to end after the worker exited, at most `graceMs`: a process the
   * predictor started may hold the pipe open for ever. Then reading stops, with a note saying so.
   * Output held for {@link PredictorSession.arm} and never armed is dropped.
   */
  async closeLogs(graceMs = 2000): Promise<void> {
    if (!this.#logs.armed) return this.#worker.output.close();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), graceMs);
    });
    const cut = await Promise.race([this.#logs.ended.then(() => false), late]);
    clearTimeout(timer);
    if (cut) {
      this.#logs.note("\n[tsc-cog: stopped reading the predictor's output: a process it started still holds it open]\n");
      this.#worker.output.close();
    }
    await this.#logs.ended;
  }

  /** How many distinct secret values the worker has been given (replace the worker past a bound). */
  get secretCount(): number {
    return this.redactor.size;
  }

  /** The predictor's description, once loaded. Throws a {@link PredictorFailure} of stage `load`. */
  async load(): Promise<PredictorSpec> {
    if (this.#spec) return this.#spec;
    try {
      this.#spec = specFromWire(await this.#worker.spec());
      return this.#spec;
    } catch (error) {
      throw describeFailure(error, "load", this.redactor);
    }
  }

  /** Registers every Secret in `value` (at any depth) for the worker's life, before the worker sees it. */
  registerSecrets(value: unknown, label: string): void {
    const visit = (item: unknown, depth: number): void => {
      if (isSecret(item)) this.redactor.register(item.getSecretValue(), label, "input");
      else if (typeof item === "object" && item !== null && depth < 64) for (const inner of Object.values(item)) visit(inner, depth + 1);
    };
    visit(value, 0);
  }

  /** Registers one secret text for the worker's life (a context value, a credential in a URL). */
  registerSecret(value: string, label: string, kind: SecretKind = "input"): void {
    this.redactor.register(value, label, kind);
  }

  /** Releases what the worker printed so far, scrubbed, and everything from now on (see `holdLogs`). */
  arm(): void {
    this.#logs.arm();
  }

  /** Runs `setup()` with the deployment secrets. Throws a {@link PredictorFailure} of stage `setup` (its own failure, a timeout, a dead worker). */
  async setup(): Promise<void> {
    await this.load();
    const max = predictionsAtOnce(this.#spec as PredictorSpec, this.#options.concurrency, () => this.#worker.kill());
    this.#capacity = max;
    const timeoutMs = this.#options.setupTimeoutMs ?? 0;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      if (!(timeoutMs > 0)) return;
      timer = setTimeout(() => {
        this.#worker.kill();
        reject(new PredictorFailure("setup", `setup() did not finish within ${timeoutMs / 1000} seconds (--setup-timeout)`));
      }, timeoutMs);
    });
    try {
      await Promise.race([this.#worker.setup(Object.fromEntries(this.#options.deploymentSecrets ?? []), max), timeout]);
    } catch (error) {
      throw describeFailure(error, "setup", this.redactor);
    } finally {
      clearTimeout(timer);
      this.#worker.output.drain();
    }
  }

  /** How many predictions the worker runs at once (known after {@link PredictorSession.setup}; 1 before). */
  get capacity(): number {
    return this.#capacity;
  }

  /** How many predictions the worker is running now (a canceled one counts until `predict()` has returned). */
  get inFlight(): number {
    return this.#running.size;
  }

  /**
   * Starts a prediction with inputs as `predict()` gets them (validated, defaults filled, Secrets and
   * Paths as objects). Every Secret among them is registered first. At most {@link PredictorSession.capacity}
   * at once: the caller keeps count (the server answers 409 beyond it).
   */
  predict(id: string, inputs: Readonly<Record<string, unknown>>, options: PredictOptions = {}): PredictionRun {
    const spec = this.#spec;
    if (!spec) throw new Error("load() the predictor before predicting");
    if (this.#running.size >= this.#capacity) throw new Error(`this worker already runs ${this.#capacity} prediction(s), its capacity`);
    for (const input of spec.inputs) this.registerSecrets(inputs[input.name], input.name);
    const { context } = options;
    for (const value of Object.values(context ?? {})) this.registerSecret(value, "context");
    const capture = this.#capacity > 1 ? "tagged" : "pipe";
    const run = new PredictionRun(this.#worker, this.#logs, this.redactor, spec.output, { id, inputs, context }, capture);
    this.#running.add(run);
    void run.settled.then(() => this.#running.delete(run));
    return run;
  }

  /**
   * Runs the predictor's optional `healthcheck()` in the worker (alongside a prediction, if one
   * runs; it has 5 s there, the worker 10 s here). Concurrent calls share one in-flight check. The
   * reason is Cog's `user_healthcheck_error` text, redacted.
   */
  healthcheck(): Promise<HealthcheckResult> {
    this.#healthcheck ??= this.#worker.healthcheck(HEALTHCHECK_PARENT_TIMEOUT_MS).then((error) => {
      this.#healthcheck = undefined;
      return error === undefined ? { ok: true } : { ok: false, reason: this.redactor.redactText(error) };
    });
    return this.#healthcheck;
  }

  /** Asks the worker to exit, and kills it if it has not within `graceMs`. */
  stop(graceMs = 2000): Promise<void> {
    return this.#worker.stop(graceMs);
  }

  /** Kills the worker at once. */
  kill(): void {
    this.#worker.kill();
  }
}
