import { UsageError } from "@tsc-cog/runtime";
import type { ArgumentsCamelCase, Argv } from "yargs";
import { cliVersion } from "../version.js";
import {
  type BuildOptions,
  buildArguments,
  declareArguments,
  type GlobalOptions,
  globalArguments,
  type InitOptions,
  initArguments,
  type KubernetesOptions,
  kubernetesArguments,
  optionsOf,
  type PredictOptions,
  predictArguments,
  predictOptionsOf,
  type SchemaOptions,
  type SecretsListOptions,
  type SecretsRmOptions,
  type SecretsSetOptions,
  type ServeOptions,
  schemaArguments,
  secretsListArguments,
  secretsRmArguments,
  secretsSetArguments,
  serveArguments,
} from "./options.js";
import { parsePredictQuickly } from "./quick-parse.js";
import { checkCommandWords, secretValueOnCommandLine, unknownArgumentsMessage } from "./usage-errors.js";

/** Each command, by the name a user types (aliases resolved), and the options its function takes. */
export interface CommandOptions {
  init: InitOptions;
  build: BuildOptions;
  kubernetes: KubernetesOptions;
  predict: PredictOptions;
  schema: SchemaOptions;
  "secrets set": SecretsSetOptions;
  "secrets list": SecretsListOptions;
  "secrets rm": SecretsRmOptions;
  serve: ServeOptions;
}

/** One command to run, with its options. */
export type CommandCall = {
  [C in keyof CommandOptions]: { readonly command: C; readonly options: CommandOptions[C] };
}[keyof CommandOptions];

/** A parsed command line: the command to run and the flags every command takes. */
export type ParsedCommand = CommandCall & { readonly global: GlobalOptions };

/**
 * Parses argv into the command to run, running nothing. Returns `undefined` when yargs has answered
 * by itself (`--help`, `--version`, `completion`); throws {@link UsageError} on bad usage.
 */
export async function parseCommand(argv: readonly string[]): Promise<ParsedCommand | undefined> {
  checkCommandWords(argv);
  return parsePredictQuickly(argv) ?? parseWithYargs(argv);
}

/** {@link parseCommand} by yargs alone: every command line, help and errors included. yargs is loaded only here. */
export async function parseWithYargs(argv: readonly string[]): Promise<ParsedCommand | undefined> {
  const { default: yargs } = await import("yargs");
  let parsed: ParsedCommand | undefined;
  await declareCommands(rootCommand(yargs, argv), (call, args) => {
    parsed = { ...call, global: optionsOf(args, globalArguments) };
  }).parseAsync();
  return parsed;
}

/** `tsc-cog` itself: the global flags, help, version, completion, strict parsing and usage errors. */
function rootCommand(yargs: (argv: string[]) => Argv, argv: readonly string[]): Argv {
  return declareArguments(
    withoutHelpCache(yargs(joinStdinValues(argv)))
      .scriptName("tsc-cog")
      .usage("$0 <command> [options]\n\nRun Cog-style TypeScript predictors locally, with secrets that never leak."),
    globalArguments,
  )
    .version(cliVersion())
    .help()
    .alias("h", "help")
    .alias("v", "version")
    .completion("completion", "Print a shell completion script (tsc-cog completion >> ~/.bashrc)")
    .example("$0 predict -i name=world", "Run ./cog.yaml's predictor (examples/hello) with one input")
    .example("$0 predict --help", "Every option of a command, with examples")
    .strict()
    .demandCommand(1, "name a command, e.g. tsc-cog predict -i name=world")
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs' own parse errors (YError: `-i` without a value…) are usage errors; ours pass through.
      if (error?.name === "YError") throw new UsageError(`${error.message}\nRun tsc-cog --help for usage.`);
      if (error) throw error;
      const unknown = unknownArgumentsMessage(message ?? "", argv);
      if (unknown !== undefined) {
        // Extra words after `secrets set NAME` are a value: refused without repeating any of them.
        const refused = secretValueOnCommandLine(argv);
        if (refused) throw refused;
        // `tsc-cog predict predict.ts prompt=hi`: the extra positional is an input without its -i.
        const stray = /^Unknown arguments?: (.*)$/
          .exec(message ?? "")?.[1]
          .split(", ")
          .find((arg) => arg.includes("=") && !arg.startsWith("-"));
        // Only the name is shown: what follows `=` may be a secret typed without its -i.
        if (stray !== undefined)
          throw new UsageError(
            `"${inputName(stray)}=…" is not a predictor file or a command. Did you forget -i? (-i ${inputName(stray)}=…)`,
          );
        throw new UsageError(unknown);
      }
      throw new UsageError(`${message}\nRun tsc-cog --help for usage.`);
    });
}

/**
 * yargs renders a command's whole help text right after calling its handler (every command has one:
 * yargs supplies a no-op), to have it ready should the handler fail later. Nothing here ever shows it
 * (usage errors print a message, and `--help` renders its own), and the rendering — cliui, wrap-ansi,
 * string-width over every option and example — was 10–25 ms of each run's start-up. This turns that
 * cache off through yargs' internal usage object; should a yargs version lack it, nothing changes but
 * the speed. (BENCHMARKS.md, Start-up.)
 */
function withoutHelpCache(cli: Argv): Argv {
  type Internals = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = (cli as unknown as Internals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === "function") usage.cacheHelpMessage = () => {};
  return cli;
}

/**
 * The declarative table of commands: names, aliases, descriptions and examples, with each command's
 * arguments from ./options.ts. A handler only hands `found` the command and its typed options.
 */
function declareCommands(cli: Argv, found: (call: CommandCall, argv: ArgumentsCamelCase) => void): Argv {
  return cli
    .command(
      ["predict [predictor]", "run [predictor]"],
      "Run a prediction locally, with secrets redacted from everything printed",
      (y) =>
        declareArguments(y, predictArguments)
          .example("$0 predict -i name=world", "Run ./cog.yaml's predictor with one input (examples/hello)")
          .example("$0 predict -i text=hi -i key=@key.txt", "Read a secret from a file, never argv (examples/secret-signer)")
          .example("$0 predict -i text=hi -i key=env:SIGNING_KEY", "Read a secret from an environment variable (examples/secret-signer)")
          .example("$0 predict predict.ts -i file=@notes.txt", "Name the predictor file; a file input (examples/file-stats)")
          .example("$0 predict -i prompt=hi -i api_token=- -o out/", "A secret from stdin; file outputs into out/ (examples/kitchen-sink)")
          .example("$0 predict --json @inputs.json", "Inputs from a JSON file; prints the whole prediction as JSON"),
      (argv) => found({ command: "predict", options: predictOptionsOf(argv) }, argv),
    )
    .command(
      "schema [predictor]",
      "Print the predictor's OpenAPI schema (the document Cog generates)",
      (y) =>
        declareArguments(y, schemaArguments)
          .example("$0 schema", "Schema of ./cog.yaml's predictor")
          .example("$0 schema predict.ts:Predictor > openapi.json", "Schema of a named predictor"),
      (argv) => found({ command: "schema", options: optionsOf(argv, schemaArguments) }, argv),
    )
    .command("secrets <action>", "Manage deployment secrets in the local store (values never on the command line)", (y) =>
      y
        .command(
          "set <name>",
          "Store a secret, read from a hidden prompt or from stdin",
          (z) =>
            declareArguments(z, secretsSetArguments)
              .example("$0 secrets set hf_token", "Prompt for the value")
              .example("$0 secrets set hf_token < token.txt", "Read the value from a file"),
          (argv) => found({ command: "secrets set", options: optionsOf(argv, secretsSetArguments) }, argv),
        )
        .command(
          ["list", "ls"],
          "List secret names and where each resolves from (never values)",
          (z) =>
            declareArguments(z, secretsListArguments).example(
              "$0 secrets list",
              "Names in the store, and cog.yaml's declared secrets with their source",
            ),
          (argv) => found({ command: "secrets list", options: optionsOf(argv, secretsListArguments) }, argv),
        )
        .command(
          ["rm <name>", "remove <name>"],
          "Remove a secret from the local store",
          (z) => declareArguments(z, secretsRmArguments).example("$0 secrets rm hf_token", "Forget the stored hf_token"),
          (argv) => found({ command: "secrets rm", options: optionsOf(argv, secretsRmArguments) }, argv),
        )
        .example("$0 secrets set hf_token", "Store hf_token, typed at a hidden prompt (or piped in)")
        .example("$0 secrets list", "Stored names, and where ./cog.yaml's secrets resolve from")
        .example("$0 secrets rm hf_token", "Forget hf_token")
        .demandCommand(1, "name an action: set, list or rm"),
    )
    .command(
      "serve [predictor]",
      "Serve the predictor over Cog's HTTP prediction API, redacted",
      (y) =>
        declareArguments(y, serveArguments)
          .example("$0 serve", "Serve ./cog.yaml's predictor on 127.0.0.1:8393")
          .example("$0 serve --port 5000 --concurrency 4", "Four predictions at once"),
      (argv) => found({ command: "serve", options: optionsOf(argv, serveArguments) }, argv),
    )
    .command(
      "init [dir]",
      "Create a predictor project that runs, type-checks and builds at once (never overwrites)",
      (y) =>
        declareArguments(y, initArguments)
          .example("$0 init my-model", "A new project in ./my-model")
          .example("$0 init", "A new project in the current folder"),
      (argv) => found({ command: "init", options: optionsOf(argv, initArguments) }, argv),
    )
    .command(
      "build [predictor]",
      "Build a container image that serves the predictor (podman or docker); no secret enters it",
      (y) =>
        declareArguments(y, buildArguments)
          .example("$0 build -t my-model", "Build the image my-model")
          .example("$0 build --context-only build/", "Write the build context and print the command to build it"),
      (argv) => found({ command: "build", options: optionsOf(argv, buildArguments) }, argv),
    )
    .command(
      "kubernetes",
      "Print Kubernetes manifests (Deployment, Service, secret volume) for an image of the predictor",
      (y) =>
        declareArguments(y, kubernetesArguments)
          .example("$0 kubernetes --image registry.example.com/my-model:1 | kubectl apply -f -", "Deploy it")
          .example("$0 kubernetes --image my-model:1 --replicas 2 --max-replicas 8", "With a HorizontalPodAutoscaler"),
      (argv) => found({ command: "kubernetes", options: optionsOf(argv, kubernetesArguments) }, argv),
    );
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

/** The name of a stray `name=value` argument (never its value, which may be a secret). */
function inputName(argument: string): string {
  return argument.slice(0, argument.indexOf("="));
}
