import type { ForkedWorker } from "@tsc-cog/runtime";
import { UsageError } from "@tsc-cog/runtime";
import { InputValidationError } from "@tsc-cog/sdk";
import { type ParsedCommand, parseCommand } from "./commands/table.js";
import { CancelledError, CommandFailedError, PredictionFailedError } from "./errors.js";
import type { CommandIO } from "./io.js";
import { LineEnd } from "./terminal/line-end.js";
import { StatusLine } from "./terminal/status-line.js";
import { createStyle } from "./terminal/style.js";

/**
 * Exit codes: 0 success, 1 the predictor failed, 2 bad usage or input (nothing ran), 130 Ctrl-C. The only
 * place they exist: the runtime and the commands throw domain errors ({@link UsageError} and its
 * `SecretNotFoundError`, `InputValidationError`, `PredictionFailedError` for the core's `PredictorFailure`,
 * {@link CancelledError}), and {@link report} maps them here.
 */
export const ExitCode = { ok: 0, predictorFailed: 1, usage: 2, interrupted: 130 } as const;

/**
 * The CLI: parses argv, runs one command and maps its errors to exit codes. The only place that
 * sets the process's exit code; errors print as `error: <message>`, stack traces only with --debug.
 */
export async function main(argv: readonly string[], options: { readonly preforked?: ForkedWorker } = {}): Promise<void> {
  const debug = argv.includes("--debug");
  let preforked = options.preforked;
  const io: CommandIO = Object.assign(processIO(argv), {
    takeWorker: () => {
      const child = preforked;
      preforked = undefined;
      return child;
    },
  });
  process.on("unhandledRejection", (error) => {
    process.exitCode = report(error, io, debug);
  });
  try {
    await runCli(argv, io);
  } catch (error) {
    process.exitCode = report(error, io, debug);
  } finally {
    // Not taken (help, a usage error, another command): its open IPC channel would keep us alive.
    preforked?.kill();
  }
}

/** Parses and runs; throws on failure. */
export async function runCli(argv: readonly string[], io: CommandIO): Promise<void> {
  const parsed = await parseCommand(argv);
  if (parsed !== undefined) await runCommand(parsed, withStyle(io, parsed));
}

/** Runs one parsed command; each command's code is imported only when it runs (a faster start). */
async function runCommand(parsed: ParsedCommand, io: CommandIO): Promise<void> {
  switch (parsed.command) {
    case "predict":
      return (await import("./commands/predict/predict.js")).predict(parsed.options, io);
    case "schema":
      return (await import("./commands/schema/schema.js")).schema(parsed.options, io);
    case "secrets set":
      return (await import("./commands/secrets/secrets.js")).secretsSet(parsed.options, io);
    case "secrets list":
      return (await import("./commands/secrets/secrets.js")).secretsList(parsed.options, io);
    case "secrets rm":
      return (await import("./commands/secrets/secrets.js")).secretsRm(parsed.options, io);
    case "serve":
      return (await import("./commands/serve/serve.js")).serve(parsed.options, io);
    case "init":
      return (await import("./commands/init/init.js")).init(parsed.options, io);
    case "build":
      return (await import("./commands/build/build.js")).build(parsed.options, io);
    case "kubernetes":
      return (await import("./commands/kubernetes/kubernetes.js")).kubernetes(parsed.options, io);
    default:
      // Every command has its case: a command added to the table without one fails to compile here.
      return parsed satisfies never;
  }
}

/** The command's IO as its flags ask: colour unless --no-color, and -q (predict) hides status messages. */
function withStyle(io: CommandIO, parsed: ParsedCommand): CommandIO {
  const style = createStyle({ color: parsed.global.color, env: io.env });
  const quiet = parsed.command === "predict" && parsed.options.quiet;
  // -q also silences the setup status line (a status message too), which is otherwise drawn on a TTY.
  const status = quiet ? new StatusLine(process.stderr, false) : io.status;
  return Object.assign(Object.create(io) as CommandIO, { style, status, info: (m: string) => (quiet ? undefined : io.info(m)) });
}

/** Prints an error the way a user should see it and returns the exit code. */
export function report(error: unknown, io: CommandIO, debug: boolean): number {
  const red = (s: string) => io.style.red(s);
  if (error instanceof CancelledError) {
    io.endLine?.();
    io.stderr.write(`${red("cancelled:")} ${error.message}\n`);
    return ExitCode.interrupted;
  }
  const usage = error instanceof UsageError || error instanceof InputValidationError;
  const message = error instanceof Error ? error.message : String(error);
  const expected = usage || error instanceof PredictionFailedError || error instanceof CommandFailedError;
  io.stderr.write(`${red("error:")} ${expected ? message : `unexpected failure: ${message}`}\n`);
  if (error instanceof PredictionFailedError) {
    for (const cause of error.causes) io.stderr.write(`  caused by: ${cause}\n`);
    if (debug && error.detail) io.stderr.write(`${error.detail}\n`);
    else if (error.detail && !error.reported) io.stderr.write(io.style.dim("(run with --debug for the stack trace)\n"));
  } else if (error instanceof Error) {
    for (let cause = error.cause; cause instanceof Error; cause = cause.cause) io.stderr.write(`  caused by: ${cause.message}\n`);
    if (debug && !usage && error.stack) io.stderr.write(`${error.stack}\n`);
  }
  return usage ? ExitCode.usage : ExitCode.predictorFailed;
}

function processIO(argv: readonly string[]): CommandIO {
  const style = createStyle({ color: !argv.includes("--no-color"), env: process.env });
  const lineEnd = new LineEnd();
  lineEnd.watch(process.stderr);
  // On one screen, what stdout left mid-line is where stderr's next message would start.
  if (process.stdout.isTTY && process.stderr.isTTY) lineEnd.watch(process.stdout);
  let handler: (() => void) | undefined;
  let interrupted = false;
  const io: CommandIO = {
    cwd: process.cwd(),
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    style,
    status: new StatusLine(process.stderr),
    info: (message) => {
      io.status.clear();
      process.stderr.write(`${message}\n`);
    },
    warn: (message) => {
      io.status.clear();
      process.stderr.write(`${style.yellow("warning:")} ${message}\n`);
    },
    onInterrupt: (next) => {
      handler = next;
    },
    get interrupted() {
      return interrupted;
    },
    endLine: () => {
      if (!lineEnd.atLineStart) process.stderr.write("\n");
    },
  };
  process.on("SIGINT", () => {
    interrupted = true;
    // Ctrl-C at a terminal echoes `^C` where the cursor was.
    if (process.stderr.isTTY) lineEnd.note("^C");
    if (handler) handler();
    else process.exit(ExitCode.interrupted);
  });
  return io;
}
