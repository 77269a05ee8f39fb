import type { Argv } from "yargs";

/**
 * The declarative table of commands and their options (parsing only; no work here). Each command's
 * handler lives in commands/<name>/ and receives typed options.
 */
export function declareCommands(
  cli: Argv,
  run: Record<
    "predict" | "schema" | "secretsSet" | "secretsList" | "secretsRm" | "serve",
    (argv: Record<string, unknown>) => Promise<void>
  >,
): Argv {
  return cli
    .command(
      ["predict [predictor]", "run [predictor]"],
      "Run a prediction locally, with secrets redacted from everything printed",
      (y) =>
        y
          .positional("predictor", { type: "string", describe: "path/to/predict.ts[:Export] (default: predict: in ./cog.yaml)" })
          .option("input", {
            alias: "i",
            type: "string",
            array: true,
            nargs: 1,
            default: [],
            describe: "An input as name=value; repeat for several or for a list (@file, env:NAME, - and @@literal supported)",
          })
          .option("json", { type: "string", describe: "All inputs as a JSON object: inline, @file.json, or - / @- for stdin" })
          .option("output", { alias: "o", type: "string", describe: "Write the output to this file or folder" })
          .option("env", {
            alias: "e",
            type: "string",
            array: true,
            nargs: 1,
            default: [],
            describe: "Set NAME=value in the predictor's environment",
          })
          .option("setup-timeout", { type: "number", default: 300, describe: "Seconds setup() may take (0 for no limit)" })
          .option("secrets-dir", { type: "string", default: "/secrets", describe: "Folder of deployment secret files (<dir>/<name>)" })
          .option("quiet", { alias: "q", type: "boolean", default: false, describe: "Hide the predictor's logs and status messages" })
          .example("$0 predict -i prompt=hello", "Run ./cog.yaml's predictor with one input")
          .example("$0 predict -i api_token=@token.txt -i prompt=hi", "Read a secret from a file (never put it in argv)")
          .example("$0 predict -i api_token=env:API_TOKEN", "Read a secret from an environment variable")
          .example("$0 predict predict.ts -i image=@cat.png -o out/", "Name the predictor file; write file outputs into out/")
          .example("$0 predict --json @inputs.json", "Inputs from a JSON file; prints the whole prediction as JSON"),
      (argv) => run.predict(argv as Record<string, unknown>),
    )
    .command(
      "schema [predictor]",
      "Print the predictor's OpenAPI schema (the document Cog generates)",
      (y) =>
        y
          .positional("predictor", { type: "string", describe: "path/to/predict.ts[:Export] (default: predict: in ./cog.yaml)" })
          .example("$0 schema", "Schema of ./cog.yaml's predictor")
          .example("$0 schema predict.ts:Predictor > openapi.json", "Schema of a named predictor"),
      (argv) => run.schema(argv as Record<string, unknown>),
    )
    .command("secrets <action>", "Manage deployment secrets in the local store (values never on the command line)", (y) =>
      y
        .command(
          "set <name> [value..]",
          "Store a secret, read from a hidden prompt or from stdin",
          (z) =>
            z
              .positional("name", { type: "string", demandOption: true, describe: "The secret's name, as declared in cog.yaml" })
              .positional("value", { type: "string", array: true, describe: "Refused: pipe the value in or type it at the prompt" })
              .example("$0 secrets set hf_token", "Prompt for the value")
              .example("$0 secrets set hf_token < token.txt", "Read the value from a file"),
          (argv) => run.secretsSet(argv as Record<string, unknown>),
        )
        .command(
          ["list", "ls"],
          "List secret names and where each resolves from (never values)",
          (z) =>
            z
              .option("secrets-dir", { type: "string", default: "/secrets", describe: "Folder of deployment secret files" })
              .example("$0 secrets list", "Names in the store, and cog.yaml's declared secrets with their source"),
          (argv) => run.secretsList(argv as Record<string, unknown>),
        )
        .command(
          ["rm <name>", "remove <name>"],
          "Remove a secret from the local store",
          (z) =>
            z.positional("name", { type: "string", demandOption: true }).example("$0 secrets rm hf_token", "Forget the stored hf_token"),
          (argv) => run.secretsRm(argv as Record<string, unknown>),
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
        y
          .positional("predictor", { type: "string", describe: "path/to/predict.ts[:Export] (default: predict: in ./cog.yaml)" })
          .option("host", { type: "string", default: "127.0.0.1", describe: "Address to listen on" })
          .option("port", { type: "number", describe: "Port (default: $PORT or 8393)" })
          .option("concurrency", { type: "number", describe: "Predictions at once, one worker each (default: $COG_MAX_CONCURRENCY or 1)" })
          .option("setup-timeout", { type: "number", default: 300, describe: "Seconds setup() may take (0 for no limit)" })
          .option("secrets-dir", { type: "string", default: "/secrets", describe: "Folder of deployment secret files (<dir>/<name>)" })
          .example("$0 serve", "Serve ./cog.yaml's predictor on 127.0.0.1:8393")
          .example("$0 serve --port 5000 --concurrency 4", "Four predictions at once"),
      (argv) => run.serve(argv as Record<string, unknown>),
    );
}
