import { randomUUID } from "node:crypto";
import { resolvePathInput, UsageError } from "@tsc-cog/runtime";
import { type InputIssue, InputValidationError } from "@tsc-cog/sdk";
import { invalidInput, Redactor } from "@tsc-cog/sdk/engine";
import { CancelledError, PredictionFailedError } from "../../errors.js";
import type { CommandIO } from "../../io.js";
import type { PredictOptions } from "../options.js";
import { gatherInputs } from "./gather-inputs.js";
import { OutputWriter, outputTarget } from "./output-files.js";
import { parseInputFlags } from "./parse-input-flags.js";
import { OutputPresenter } from "./present-output.js";
import { RemoteServer } from "./remote-server.js";
import { maskInputs, registerSecretInputs, requestInputs } from "./request-inputs.js";
import { ResolveContext } from "./resolve-context.js";
import { outputMayHoldFiles, predictorSpecFromSchema } from "./schema-inputs.js";
import { scrubbedError } from "./scrub-unexpected.js";
import { unscrubbableSecretIssues } from "./unscrubbable-secrets.js";

/** The parts of Cog's prediction response `predict --url` reads. */
interface RemotePrediction {
  readonly status?: unknown;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly error?: unknown;
  readonly logs?: unknown;
  readonly metrics?: unknown;
}

/**
 * `predict --url URL`: the same inputs, resolved the same way (the predictor's inputs are read from the
 * server's `/openapi.json`), sent to a running `tsc-cog serve` instead of a local worker, and the answer
 * presented as a local run presents it: logs on stderr, the output on stdout or in files, `--json`'s
 * envelope. Everything printed or written is scrubbed here of the request's secrets, besides the server's
 * own redaction. A server that cannot be reached or is not ready, and invalid inputs (422), are exit 2.
 */
export async function predictRemote(options: PredictOptions & { readonly url: string }, io: CommandIO): Promise<void> {
  // The bin shim forks a worker for every `predict`; a remote run has no use for it.
  io.takeWorker?.()?.kill();
  if (options.predictor !== undefined)
    throw new UsageError(`--url runs the predictor the server serves; leave out the predictor (${options.predictor})`);
  if (options.env.length > 0)
    throw new UsageError("-e sets a local predictor's environment; with --url, give it to tsc-cog serve where the server runs");
  const server = new RemoteServer(options.url);
  const flags = parseInputFlags(options.input);
  const jsonMode = options.json !== undefined;
  const target = outputTarget(jsonMode && options.output === undefined ? undefined : options.output, io.cwd);
  const redactor = new Redactor();
  const writer = new OutputWriter(redactor);
  const context = new ResolveContext(io.cwd, io.env, io.stdin);
  const request = new AbortController();
  const id = `tsc-cog-cli-${randomUUID()}`;
  let sent = false;
  let cancelling: Promise<unknown> | undefined;
  io.onInterrupt(() => {
    // The server keeps running a prediction whose client hung up: ask it to stop this one.
    if (sent)
      cancelling = fetch(`${server.url}/predictions/${id}/cancel`, { method: "POST", signal: AbortSignal.timeout(3000) }).catch(() => {});
    request.abort();
    writer.abort();
    context.dispose();
  });
  try {
    await server.checkReady();
    const document = await server.schema();
    const spec = predictorSpecFromSchema(document);
    const resolved = await gatherInputs(spec, flags, options.json, context, io).finally(() => {
      for (const warning of context.warnings.splice(0)) io.warn(warning);
    });
    for (const input of spec.inputs) registerSecretInputs(redactor, resolved.values[input.name], input.name);
    // Values are validated by the server (the one authority on its predictor); what cannot be sent stops here.
    const issues = [...resolved.issues, ...unscrubbableSecretIssues(spec, resolved.values)];
    if (issues.length > 0) throw new InputValidationError(issues);
    for (const warning of redactor.warnings) io.warn(warning);
    const input = await requestInputs(resolved.values, redactor);

    io.status.start(`Running the prediction on ${server.url}`);
    sent = true;
    const answer = await server.predict(input, id, request.signal);
    io.status.stop();
    const prediction = redactor.redactValue(answerOf(answer, server.url)) as RemotePrediction;

    const failed = prediction.status !== "succeeded";
    const { logs, stack } = splitStack(typeof prediction.logs === "string" ? prediction.logs : "", failed);
    if (!options.quiet && logs !== "") io.stderr.write(logs.endsWith("\n") ? logs : `${logs}\n`);
    const error = typeof prediction.error === "string" ? prediction.error : `the prediction ended ${String(prediction.status)}`;

    let output: unknown = null;
    if (!failed) {
      const value = outputMayHoldFiles(document) ? await decodeFiles(prediction.output, context) : prediction.output;
      const presenter = new OutputPresenter(
        spec.output,
        redactor,
        writer,
        target,
        { stdout: io.stdout, info: (m) => io.info(m) },
        !jsonMode,
      );
      if (spec.output.iterator && Array.isArray(value)) {
        for (const item of value) await presenter.item(item);
        await presenter.endStream();
        output = presenter.collected;
      } else output = await presenter.single(value);
    }
    if (jsonMode) {
      const envelope = {
        status: failed ? "failed" : "succeeded",
        input: { ...asRecord(prediction.input), ...maskInputs(resolved.values) },
        output: failed ? null : output,
        error: failed ? error : null,
        logs: typeof prediction.logs === "string" ? prediction.logs : "",
        metrics: asRecord(prediction.metrics),
      };
      await writer.writeEnvelope(envelope, target, io);
    }
    if (failed) throw new PredictionFailedError(error, stack, jsonMode);
  } catch (error) {
    if (io.interrupted) {
      await cancelling;
      throw new CancelledError();
    }
    throw scrubbedError(error, redactor);
  } finally {
    io.status.stop();
    context.dispose();
    io.onInterrupt(undefined);
  }
}

/** The prediction in a 200 answer; any other answer as the error it stands for. */
function answerOf(answer: { readonly status: number; readonly body: unknown }, url: string): RemotePrediction {
  const { status, body } = answer;
  if (status === 200 || status === 201) return asRecord(body);
  if (status === 422) throw new InputValidationError(issuesOf(body));
  if (status === 409) throw new UsageError(`the server at ${url} is busy: every slot is running a prediction; try again when one finishes`);
  if (status === 503) throw new UsageError(`the server at ${url} is not ready: setup() has not finished`);
  const detail = asRecord(body).detail;
  throw new UsageError(`the server at ${url} answered ${status}${typeof detail === "string" ? `: ${detail}` : ""}`);
}

/** A 422's `detail` (`[{loc: ["body","input",name], msg}]`) as the issues a local run reports. */
function issuesOf(body: unknown): InputIssue[] {
  const detail = asRecord(body).detail;
  if (!Array.isArray(detail) || detail.length === 0) return [invalidInput("custom", "(request)", "the server refused the inputs (422)")];
  return detail.map((entry) => {
    const { loc, msg } = asRecord(entry);
    const name = Array.isArray(loc) && loc.length > 0 ? String(loc[loc.length - 1]) : "(request)";
    const text = typeof msg === "string" ? msg : "is invalid";
    if (text === "Field required")
      return { code: "missing", input: name, detail: "is required", message: `missing required input "${name}"` };
    return invalidInput("custom", name, text);
  });
}

/**
 * A failed prediction's logs end with the error's stack trace (the server puts it there); a local run
 * shows it only with --debug, so it is split off as the error's detail.
 */
function splitStack(logs: string, failed: boolean): { readonly logs: string; readonly stack?: string } {
  if (!failed) return { logs };
  const match = /^[^\n]*\n(?: {4}at [^\n]*\n?)+$/m.exec(logs);
  if (!match || match.index + match[0].length < logs.length) return { logs };
  return { logs: logs.slice(0, match.index), stack: match[0].trimEnd() };
}

/** Data URLs in the output (returned files) as files in the run's temp folder, for the presenter to write. */
async function decodeFiles(value: unknown, context: ResolveContext, depth = 0): Promise<unknown> {
  if (typeof value === "string" && /^data:/i.test(value))
    return resolvePathInput("output", value, { tempDir: () => context.tempDir(), signal: context.signal });
  if (depth > 64 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const items = [];
    for (const item of value) items.push(await decodeFiles(item, context, depth + 1));
    return items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = await decodeFiles(inner, context, depth + 1);
  return out;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
