import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import {
  locateProject,
  PredictorWorker,
  resolveDeploymentSecrets,
  secretStoreDir,
  specFromWire,
  toWire,
  UsageError,
  WorkerExitedError,
  WorkerFailure,
  withoutSecretVariables,
} from "@tsc-cog/runtime";
import { InputValidationError, isSecret, Redactor, SECRET_MASK, validateInputs } from "@tsc-cog/sdk";
import { CancelledError, PredictionFailedError } from "../../errors.js";
import type { CommandIO } from "../../io.js";
import { gatherInputs } from "./gather-inputs.js";
import { LogRelay } from "./log-relay.js";
import { OutputWriter, outputPathFor, outputTarget } from "./output-files.js";
import { parseInputFlags } from "./parse-input-flags.js";
import { OutputPresenter } from "./present-output.js";
import { ResolveContext } from "./resolve-context.js";
import { scrubbedUnexpected } from "./scrub-unexpected.js";
import { unscrubbableSecretIssues } from "./unscrubbable-secrets.js";

/** The options of `tsc-cog predict`, as parsed from argv. */
export interface PredictOptions {
  readonly predictor?: string;
  readonly input: readonly string[];
  readonly json?: string;
  readonly output?: string;
  readonly env: readonly string[];
  readonly setupTimeout: number;
  readonly secretsDir: string;
  readonly quiet: boolean;
  readonly debug: boolean;
}

/**
 * Runs one prediction in a worker process, with every byte the predictor prints or returns
 * scrubbed of secret values. Throws {@link UsageError}/{@link InputValidationError} (exit 2) before
 * anything runs, {@link PredictionFailedError} (exit 1) when the predictor fails.
 */
export async function predict(options: PredictOptions, io: CommandIO): Promise<void> {
  if (options.json !== undefined && options.input.length > 0)
    throw new UsageError("Must use one of --json or --input to provide model inputs");
  const flags = parseInputFlags(options.input);
  const location = locateProject(io.cwd, options.predictor);
  // Deployment secrets first: one that resolves nowhere stops the run (exit 2) before the predictor
  // loads or a secret input is asked for.
  const deployment = resolveDeploymentSecrets(location.config?.secrets ?? [], {
    secretsDir: options.secretsDir,
    env: io.env,
    storeDir: secretStoreDir(io.env),
  });
  const target = outputTarget(options.json !== undefined && options.output === undefined ? undefined : options.output, io.cwd);
  const workerOptions = { ref: location.ref, cwd: location.dir, env: workerEnv(io.env, options.env) };
  const preforked = io.takeWorker?.();
  const worker = preforked ? PredictorWorker.adopt(preforked, workerOptions) : PredictorWorker.start(workerOptions);
  const redactor = new Redactor();
  for (const [name, value] of deployment) redactor.register(value, name, "deployment");
  const relay = new LogRelay(worker, redactor, io, options.quiet);
  const writer = new OutputWriter(redactor);
  const context = new ResolveContext(io.cwd, io.env, io.stdin);
  const cancel = () => {
    worker.kill();
    writer.abort();
    context.dispose();
  };
  io.onInterrupt(cancel);
  try {
    const wire = await worker.spec().catch((error) => rethrowWorker(error, redactor, io));
    const spec = specFromWire(wire);
    // A secret typed on the command line is exposed even if the run stops here: always warn.
    const inputs = await gatherInputs(spec, flags, options.json, context, io).finally(() => {
      for (const warning of context.warnings.splice(0)) io.warn(warning);
    });
    const unscrubbable = unscrubbableSecretIssues(spec, inputs);
    if (unscrubbable.length > 0) throw new InputValidationError(unscrubbable);
    for (const input of spec.inputs) registerSecrets(redactor, input.name, inputs[input.name]);
    const checked = validateInputs(spec, inputs, "reject");
    if (!checked.ok) throw new InputValidationError(checked.issues);
    for (const warning of redactor.warnings) io.warn(warning);

    io.status.start("Running setup()");
    await withTimeout(worker.setup(Object.fromEntries(deployment)), options.setupTimeout, () => worker.kill()).catch((error) =>
      rethrowWorker(error, redactor, io),
    );
    io.status.stop();
    const started = performance.now();
    const presenter = new OutputPresenter(spec.output, redactor, writer, target, { stdout: io.stdout, info: (m) => io.info(m) });
    const jsonMode = options.json !== undefined;
    let output: unknown = null;
    let failure: { message: string; stack?: string; causes?: readonly string[] } | undefined;
    try {
      for await (const event of worker.predict(randomUUID(), toWire(checked.values) as Record<string, unknown>)) {
        if (event.type === "output") await presenter.item(event.value, !jsonMode);
        else if (event.type === "done") {
          if (spec.output.iterator || presenter.collected.length > 0) {
            await presenter.endStream(!jsonMode);
            output = presenter.collected;
          } else output = await presenter.single(event.value, !jsonMode);
        } else if (event.type === "invalid") {
          throw new InputValidationError(
            event.messages.map((message) => ({ code: "custom" as const, input: "", message: redactor.redactText(message) })),
          );
        } else failure = { message: event.error.message, stack: event.error.stack, causes: event.error.causes };
      }
    } catch (error) {
      if (cancelled(error, io)) throw new CancelledError();
      if (!(error instanceof WorkerExitedError)) throw error;
      failure = { message: error.message };
    }
    const predictTime = (performance.now() - started) / 1000;
    await worker.stop();
    await relay.drained();
    if (jsonMode) {
      const envelope = {
        status: failure ? "failed" : "succeeded",
        input: maskInputs(checked.values),
        output: failure ? null : output,
        error: failure ? redactor.redactText(failure.message) : null,
        logs: relay.text(),
        metrics: { predict_time: predictTime },
      };
      const text = `${JSON.stringify(redactor.redactValue(envelope), null, 2)}\n`;
      if (target.kind === "default") io.stdout.write(text);
      else {
        // -o FILE is the envelope's file; -o DIR gets DIR/output.json (Cog's default name).
        const file = target.kind === "file" ? target.path : outputPathFor(target, ".json");
        await writer.writeText(file, text);
        io.info(`Written output to: ${file}`);
      }
    }
    if (failure)
      throw new PredictionFailedError(
        redactor.redactText(failure.message),
        failure.stack ? redactor.redactText(failure.stack) : undefined,
        jsonMode,
        failure.causes?.map((cause) => redactor.redactText(cause)),
      );
  } catch (error) {
    throw scrubbedUnexpected(error, redactor);
  } finally {
    io.status.stop();
    worker.kill();
    await relay.drained();
    context.dispose();
    io.onInterrupt(undefined);
  }
}

function registerSecrets(redactor: Redactor, name: string, value: unknown): void {
  if (isSecret(value)) redactor.register(value.getSecretValue(), name);
  if (Array.isArray(value)) for (const item of value) registerSecrets(redactor, name, item);
}

function maskInputs(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const mask = (value: unknown): unknown => (isSecret(value) ? SECRET_MASK : Array.isArray(value) ? value.map(mask) : value);
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, mask(v)]));
}

function workerEnv(env: NodeJS.ProcessEnv, pairs: readonly string[]): NodeJS.ProcessEnv {
  const out = withoutSecretVariables(env);
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`-e expects NAME=value, got '${pair.split("=")[0]}'`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function rethrowWorker(error: unknown, redactor: Redactor, io: CommandIO): never {
  if (cancelled(error, io)) throw new CancelledError();
  if (error instanceof WorkerFailure) {
    const stage = { load: "failed to load the predictor", setup: "setup() failed", predict: "predict() failed" }[error.stage];
    const message = redactor.redactText(error.wire.message);
    // The loader wraps the import's error as its cause: a cause saying what the message says adds nothing.
    const causes = (error.wire.causes ?? []).map((c) => redactor.redactText(c)).filter((c) => !message.endsWith(withoutLocation(c)));
    throw new PredictionFailedError(
      `${stage}: ${message}`,
      error.wire.stack ? redactor.redactText(error.wire.stack) : undefined,
      false,
      causes,
    );
  }
  if (error instanceof WorkerExitedError) throw new PredictionFailedError(error.message, undefined, false);
  throw error;
}

/** A message without a leading `path:line:column: ` (paths differ: absolute in a cause, relative in the message). */
function withoutLocation(message: string): string {
  return message.replace(/^\S+:\d+:\d+: /, "");
}

async function withTimeout<T>(promise: Promise<T>, seconds: number, onTimeout: () => void): Promise<T> {
  if (!(seconds > 0)) return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new PredictionFailedError(`setup() did not finish within ${seconds} seconds (--setup-timeout)`, undefined, false));
    }, seconds * 1000);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ctrl-C in a terminal signals the whole process group: the worker may die of that SIGINT before our
 * own handler has run, and that is a cancellation too, not a failure of the predictor.
 */
function cancelled(error: unknown, io: CommandIO): boolean {
  return io.interrupted || (error instanceof WorkerExitedError && error.signal === "SIGINT");
}
