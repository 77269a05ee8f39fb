import { UsageError } from "@tsc-cog/runtime";
import yargs, { type ArgumentsCamelCase, type Argv } from "yargs";
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
  const args = (await declareCommands(rootCommand(argv)).parseAsync()) as ArgumentsCamelCase;
  // yargs answered by itself: help, the version, a completion script.
  if (args.help === true || args.version === true) return undefined;
  const words = args._.slice(0, 2).map(String);
  const command = COMMAND_WORDS[words[0] === "secrets" ? `secrets ${words[1]}` : (words[0] ?? "")];
  if (command === undefined) return undefined;
  return { ...callOf(command, args), global: optionsOf(args, globalArguments) };
}

/** The words that name each command, aliases included. */
const COMMAND_WORDS: Readonly<Record<string, keyof CommandOptions>> = {
  predict: "predict",
  run: "predict",
  schema: "schema",
  "secrets set": "secrets set",
  "secrets list": "secrets list",
  "secrets ls": "secrets list",
  "secrets rm": "secrets rm",
  "secrets remove": "secrets rm",
  serve: "serve",
  init: "init",
  build: "build",
  kubernetes: "kubernetes",
};

/** The command with its typed options, each read by the very declaration yargs parsed it with. */
function callOf(command: keyof CommandOptions, args: ArgumentsCamelCase): CommandCall {
  switch (command) {
    case "predict":
      return { command, options: { ...optionsOf(args, predictArguments), debug: optionsOf(args, globalArguments).debug } };
    case "schema":
      return { command, options: optionsOf(args, schemaArguments) };
    case "secrets set":
      return { command, options: optionsOf(args, secretsSetArguments) };
    case "secrets list":
      return { command, options: optionsOf(args, secretsListArguments) };
    case "secrets rm":
      return { command, options: optionsOf(args, secretsRmArguments) };
    case "serve":
      return { command, options: optionsOf(args, serveArguments) };
    case "init":
      return { command, options: optionsOf(args, initArguments) };
    case "build":
      return { command, options: optionsOf(args, buildArguments) };
    case "kubernetes":
      return { command, options: optionsOf(args, kubernetesArguments) };
    default:
      return command satisfies never;
  }
}

/** `tsc-cog` itself: the global flags, help, version, completion, strict parsing and usage errors. */
function rootCommand(argv: readonly string[]): Argv {
  return declareArguments(
    yargs(joinStdinValues(argv))
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
 * The declarative table of commands: names, aliases, descriptions and examples, with each command's
 * arguments from ./options.ts. No command has a yargs handler: `parseCommand` reads the command from
 * the words parsed. (A handler makes yargs render the command's whole help text on every run, to have it
 * ready should the handler fail: 10–30 ms of start-up for text nobody sees. BENCHMARKS.md, Start-up.)
 */
function declareCommands(cli: Argv): Argv {
  return cli
    .command(["predict [predictor]", "run [predictor]"], "Run a prediction locally, with secrets redacted from everything printed", (y) =>
      declareArguments(y, predictArguments)
        .example("$0 predict -i name=world", "Run ./cog.yaml's predictor with one input (examples/hello)")
        .example("$0 predict -i text=hi -i key=@key.txt", "Read a secret from a file, never argv (examples/secret-signer)")
        .example("$0 predict -i text=hi -i key=env:SIGNING_KEY", "Read a secret from an environment variable (examples/secret-signer)")
        .example("$0 predict predict.ts -i file=@notes.txt", "Name the predictor file; a file input (examples/file-stats)")
        .example("$0 predict -i prompt=hi -i api_token=- -o out/", "A secret from stdin; file outputs into out/ (examples/kitchen-sink)")
        .example("$0 predict --json @inputs.json", "Inputs from a JSON file; prints the whole prediction as JSON"),
    )
    .command("schema [predictor]", "Print the predictor's OpenAPI schema (the document Cog generates)", (y) =>
      declareArguments(y, schemaArguments)
        .example("$0 schema", "Schema of ./cog.yaml's predictor")
        .example("$0 schema predict.ts:Predictor > openapi.json", "Schema of a named predictor"),
    )
    .command("secrets <action>", "Manage deployment secrets in the local store (values never on the command line)", (y) =>
      y
        .command("set <name>", "Store a secret, read from a hidden prompt or from stdin", (z) =>
          declareArguments(z, secretsSetArguments)
            .example("$0 secrets set hf_token", "Prompt for the value")
            .example("$0 secrets set hf_token < token.txt", "Read the value from a file"),
        )
        .command(["list", "ls"], "List secret names and where each resolves from (never values)", (z) =>
          declareArguments(z, secretsListArguments).example(
            "$0 secrets list",
            "Names in the store, and cog.yaml's declared secrets with their source",
          ),
        )
        .command(["rm <name>", "remove <name>"], "Remove a secret from the local store", (z) =>
          declareArguments(z, secretsRmArguments).example("$0 secrets rm hf_token", "Forget the stored hf_token"),
        )
        .example("$0 secrets set hf_token", "Store hf_token, typed at a hidden prompt (or piped in)")
        .example("$0 secrets list", "Stored names, and where ./cog.yaml's secrets resolve from")
        .example("$0 secrets rm hf_token", "Forget hf_token")
        .demandCommand(1, "name an action: set, list or rm"),
    )
    .command("serve [predictor]", "Serve the predictor over Cog's HTTP prediction API, redacted", (y) =>
      declareArguments(y, serveArguments)
        .example("$0 serve", "Serve ./cog.yaml's predictor on 127.0.0.1:8393")
        .example("$0 serve --port 5000 --concurrency 4", "Four predictions at once"),
    )
    .command("init [dir]", "Create a predictor project that runs, type-checks and builds at once (never overwrites)", (y) =>
      declareArguments(y, initArguments)
        .example("$0 init my-model", "A new project in ./my-model")
        .example("$0 init", "A new project in the current folder"),
    )
    .command("build [predictor]", "Build a container image that serves the predictor (podman or docker); no secret enters it", (y) =>
      declareArguments(y, buildArguments)
        .example("$0 build -t my-model", "Build the image my-model")
        .example("$0 build --context-only build/", "Write the build context and print the command to build it"),
    )
    .command("kubernetes", "Print Kubernetes manifests (Deployment, Service, secret volume) for an image of the predictor", (y) =>
      declareArguments(y, kubernetesArguments)
        .example("$0 kubernetes --image registry.example.com/my-model:1 | kubectl apply -f -", "Deploy it")
        .example("$0 kubernetes --image my-model:1 --replicas 2 --max-replicas 8", "With a HorizontalPodAutoscaler"),
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
