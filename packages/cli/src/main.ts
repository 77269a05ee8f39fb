import type { ChildProcess } from "node:child_process";
import { UsageError } from "@tsc-cog/runtime";
import { InputValidationError } from "@tsc-cog/sdk";
import yargs from "yargs";
import { declareCommands } from "./commands/table.js";
import { CancelledError, PredictionFailedError } from "./errors.js";
import type { CommandIO } from "./io.js";
import { StatusLine } from "./terminal/status-line.js";
import { createStyle } from "./terminal/style.js";
import { cliVersion } from "./version.js";

/** Exit codes: 0 success, 1 the predictor failed, 2 bad usage or input (nothing ran), 130 Ctrl-C. */
export const ExitCode = { ok: 0, predictorFailed: 1, usage: 2, interrupted: 130 } as const;

/**
 * The CLI: parses argv, runs one command and maps its errors to exit codes. The only place that
 * sets the process's exit code; errors print as `error: <message>`, stack traces only with --debug.
 */
export async function main(argv: readonly string[], options: { readonly preforked?: ChildProcess } = {}): Promise<void> {
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
  const cli = yargs(joinStdinValues(argv))
    .scriptName("tsc-cog")
    .usage("$0 <command> [options]\n\nRun Cog-style TypeScript predictors locally, with secrets that never leak.")
    .option("debug", { type: "boolean", default: false, describe: "Show stack traces" })
    .option("color", { type: "boolean", default: true, describe: "Colour on a terminal (--no-color, or NO_COLOR, to disable)" })
    .version(cliVersion())
    .help()
    .alias("h", "help")
    .alias("v", "version")
    .completion("completion", "Print a shell completion script (tsc-cog completion >> ~/.bashrc)")
    .example("$0 predict -i prompt=hello", "Run ./cog.yaml's predictor with one input")
    .example("$0 predict --help", "Every option of a command, with examples")
    .strict()
    .demandCommand(1, "name a command, e.g. tsc-cog predict -i prompt=hi")
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs' own parse errors (YError: `-i` without a value…) are usage errors; ours pass through.
      if (error?.name === "YError") throw new UsageError(`${error.message}\nRun tsc-cog --help for usage.`);
      if (error) throw error;
      // `tsc-cog predict predict.ts prompt=hi`: the extra positional is an input without its -i.
      const stray = /^Unknown arguments?: (.*)$/
        .exec(message ?? "")?.[1]
        .split(", ")
        .find((arg) => arg.includes("="));
      if (stray !== undefined) throw new UsageError(`"${stray}" is not a predictor file or a command. Did you forget -i?`);
      throw new UsageError(`${message}\nRun tsc-cog --help for usage.`);
    });
  declareCommands(cli, {
    predict: async (args) => {
      const { predict } = await import("./commands/predict/predict.js");
      await predict(
        {
          predictor: args.predictor as string | undefined,
          input: (args.input as string[]) ?? [],
          json: args.json as string | undefined,
          output: args.output as string | undefined,
          env: (args.env as string[]) ?? [],
          setupTimeout: args.setupTimeout as number,
          secretsDir: args.secretsDir as string,
          quiet: args.quiet === true,
          debug: args.debug === true,
        },
        withQuiet(io, args),
      );
    },
    schema: async (args) => {
      const { schema } = await import("./commands/schema/schema.js");
      await schema({ predictor: args.predictor as string | undefined }, withQuiet(io, args));
    },
    secretsSet: async (args) =>
      (await import("./commands/secrets/secrets.js")).secretsSet(
        { name: args.name as string, value: args.value as string[] | undefined },
        withQuiet(io, args),
      ),
    secretsList: async (args) =>
      (await import("./commands/secrets/secrets.js")).secretsList({ secretsDir: args.secretsDir as string }, withQuiet(io, args)),
    secretsRm: async (args) =>
      (await import("./commands/secrets/secrets.js")).secretsRm({ name: args.name as string }, withQuiet(io, args)),
    serve: async (args) => {
      const { serve } = await import("./commands/serve/serve.js");
      await serve(
        {
          predictor: args.predictor as string | undefined,
          host: args.host as string,
          port: args.port as number | undefined,
          concurrency: args.concurrency as number | undefined,
          setupTimeout: args.setupTimeout as number,
          secretsDir: args.secretsDir as string,
        },
        withQuiet(io, args),
      );
    },
  });
  await cli.parseAsync();
}

/**
 * yargs-parser never takes a lone `-` as an option's value (it becomes a positional), so Cog's
 * `--json -` (inputs from stdin) is passed on as `--json=-`.
 */
function joinStdinValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--") return [...joined, ...argv.slice(i)];
    if (argv[i] === "--json" && argv[i + 1] === "-") joined.push(`--json=${argv[++i]}`);
    else joined.push(argv[i]);
  }
  return joined;
}

function withQuiet(io: CommandIO, args: Record<string, unknown>): CommandIO {
  const style = createStyle({ color: args.color !== false, env: io.env });
  const quiet = args.quiet === true;
  // -q also silences the setup status line (a status message too), which is otherwise drawn on a TTY.
  const status = quiet ? new StatusLine(process.stderr, false) : io.status;
  return Object.assign(Object.create(io) as CommandIO, { style, status, info: (m: string) => (quiet ? undefined : io.info(m)) });
}

/** Prints an error the way a user should see it and returns the exit code. */
export function report(error: unknown, io: CommandIO, debug: boolean): number {
  const red = (s: string) => io.style.red(s);
  if (error instanceof CancelledError) {
    io.stderr.write(`${red("cancelled:")} ${error.message}\n`);
    return ExitCode.interrupted;
  }
  const usage = error instanceof UsageError || error instanceof InputValidationError;
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${red("error:")} ${usage || error instanceof PredictionFailedError ? message : `unexpected failure: ${message}`}\n`);
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
  };
  process.on("SIGINT", () => {
    interrupted = true;
    if (handler) handler();
    else process.exit(ExitCode.interrupted);
  });
  return io;
}
