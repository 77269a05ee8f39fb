import { randomUUID } from "node:crypto";
import { StringDecoder } from "node:string_decoder";
import {
  locateProject,
  type PredictionRun,
  PredictorFailure,
  PredictorSession,
  resolveDeploymentSecrets,
  secretStoreDir,
  UsageError,
} from "@tsc-cog/runtime";
import { InputValidationError } from "@tsc-cog/sdk";
import { validateInputs } from "@tsc-cog/sdk/engine";
import { CancelledError, PredictionFailedError } from "../../errors.js";
import type { CommandIO } from "../../io.js";
import type { PredictOptions } from "../options.js";
import { gatherInputs } from "./gather-inputs.js";
import { OutputWriter, outputTarget } from "./output-files.js";
import { parseInputFlags } from "./parse-input-flags.js";
import { predictRemote } from "./predict-remote.js";
import { OutputPresenter } from "./present-output.js";
import { maskInputs } from "./request-inputs.js";
import { ResolveContext } from "./resolve-context.js";
import { scrubbedError } from "./scrub-unexpected.js";
import { unscrubbableSecretIssues } from "./unscrubbable-secrets.js";

/** At most this much of the predictor's logs is kept for the --json envelope (the terminal gets all of it). */
const MAX_KEPT_LOGS = 8 * 1024 * 1024;

/**
 * Runs one prediction on the prediction core (a worker process), and presents it on the terminal:
 * the output on stdout, the predictor's logs (scrubbed) on stderr, files written, `--json`'s envelope.
 * Throws {@link UsageError}/{@link InputValidationError} before anything runs, {@link PredictionFailedError}
 * when the predictor fails, {@link CancelledError} on Ctrl-C; `main` maps them to exit codes.
 */
export async function predict(options: PredictOptions, io: CommandIO): Promise<void> {
  if (options.json !== undefined && options.input.length > 0)
    throw new UsageError("Must use one of --json or --input to provide model inputs");
  // --url: a running `tsc-cog serve` predicts; inputs are gathered and the answer presented as below.
  if (options.url !== undefined) return predictRemote({ ...options, url: options.url }, io);
  const flags = parseInputFlags(options.input);
  const location = locateProject(io.cwd, options.predictor);
  // Deployment secrets first: one that resolves nowhere stops the run before the predictor loads.
  const deploymentSecrets = resolveDeploymentSecrets(location.config?.secrets ?? [], {
    secretsDir: options.secretsDir,
    env: io.env,
    storeDir: secretStoreDir(io.env),
  });
  const target = outputTarget(options.json !== undefined && options.output === undefined ? undefined : options.output, io.cwd);
  const session = PredictorSession.start({
    ref: location.ref,
    cwd: location.dir,
    env: workerEnv(io.env, options.env),
    deploymentSecrets,
    setupTimeoutMs: options.setupTimeout * 1000,
    preforked: io.takeWorker?.(),
    // Nothing the worker prints is shown before the secret inputs are known and registered.
    holdLogs: true,
    // One prediction per run: a slot of one keeps its logs on the plain pipe, whatever @Concurrent says.
    concurrency: { max: 1, from: "tsc-cog predict" },
  });
  const { redactor } = session;
  let logs = "";
  const decoder = new StringDecoder("utf8");
  // The terminal shows the worker's output as one stream, scrubbed as one from its start to its end.
  session.onOutput((bytes) => {
    if (logs.length < MAX_KEPT_LOGS) logs += decoder.write(bytes);
    if (!options.quiet) {
      io.status.clear();
      io.stderr.write(bytes);
    }
  });
  const writer = new OutputWriter(redactor);
  const context = new ResolveContext(io.cwd, io.env, io.stdin);
  let run: PredictionRun | undefined;
  io.onInterrupt(() => {
    session.kill();
    writer.abort();
    context.dispose();
  });
  try {
    const spec = await session.load().catch((error) => {
      session.arm();
      throw error;
    });
    // A secret typed on the command line is exposed even if the run stops here: always warn.
    const resolved = await gatherInputs(spec, flags, options.json, context, io).finally(() => {
      for (const warning of context.warnings.splice(0)) io.warn(warning);
    });
    for (const input of spec.inputs) session.registerSecrets(resolved.values[input.name], input.name);
    // Problems of every kind, all at once: unresolvable inputs, secrets that cannot be scrubbed, invalid values.
    const issues = [...resolved.issues, ...unscrubbableSecretIssues(spec, resolved.values)];
    const checked = validateInputs(spec, resolved.values, "reject");
    if (!checked.ok) issues.push(...checked.issues.filter((issue) => !issues.some((known) => known.input === issue.input)));
    if (issues.length > 0 || !checked.ok) throw new InputValidationError(issues);
    session.arm();
    for (const warning of redactor.warnings) io.warn(warning);
    io.status.start("Running setup()");
    await session.setup();
    io.status.stop();

    const jsonMode = options.json !== undefined;
    const presenter = new OutputPresenter(spec.output, redactor, writer, target, { stdout: io.stdout, info: (m) => io.info(m) }, !jsonMode);
    run = session.predict(randomUUID(), checked.values);
    let output: unknown = null;
    let failure: PredictorFailure | undefined;
    let metrics: Readonly<Record<string, unknown>> = {};
    for await (const event of run) {
      if (event.type === "output") await presenter.item(event.value, event.continues);
      else if (event.type === "succeeded") {
        if (event.streamed) {
          await presenter.endStream();
          output = presenter.collected;
        } else output = await presenter.single(event.value);
      } else if (event.type === "invalid") throw new InputValidationError(event.issues);
      else if (event.type === "failed") failure = event.error;
      if (event.type === "succeeded" || event.type === "failed") metrics = event.metrics;
    }
    if (cancelled(failure, io)) throw new CancelledError();
    const predictTime = run.predictTime;
    await session.stop();
    await session.closeLogs();
    if (jsonMode) {
      const envelope = {
        status: failure ? "failed" : "succeeded",
        input: maskInputs(checked.values),
        output: failure ? null : output,
        error: failure ? failure.message : null,
        logs: logs + decoder.end(),
        // The predictor's metrics (`currentScope().recordMetric`); predict_time always wins, as in Cog.
        metrics: { ...metrics, predict_time: predictTime },
      };
      await writer.writeEnvelope(envelope, target, io);
    }
    if (failure) throw new PredictionFailedError(failure.message, failure.detail, jsonMode, failure.causes);
  } catch (error) {
    if (cancelled(error, io)) throw new CancelledError();
    if (error instanceof PredictorFailure) throw new PredictionFailedError(error.message, error.detail, false, error.causes);
    throw scrubbedError(error, redactor);
  } finally {
    io.status.stop();
    session.kill();
    await session.closeLogs();
    context.dispose();
    io.onInterrupt(undefined);
  }
}

/** The environment with `-e` pairs applied (the session keeps `TSC_COG_SECRET_*` from the worker). */
function workerEnv(env: NodeJS.ProcessEnv, pairs: readonly string[]): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`-e expects NAME=value, got '${pair.split("=")[0]}'`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/**
 * Ctrl-C in a terminal signals the whole process group: the worker may die of that SIGINT before our
 * own handler has run, and that is a cancellation too, not a failure of the predictor.
 */
function cancelled(error: unknown, io: CommandIO): boolean {
  return io.interrupted || (error instanceof PredictorFailure && /killed by SIGINT/.test(error.message));
}
