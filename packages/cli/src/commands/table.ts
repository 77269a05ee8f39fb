import type { Argv } from "yargs";

/**
 * The declarative table of commands and their options (parsing only; no work here). Each command's
 * handler lives in commands/<name>/ and receives typed options.
 */
export function declareCommands(cli: Argv, run: Record<"predict" | "schema", (argv: Record<string, unknown>) => Promise<void>>): Argv {
  return cli
    .command(
      ["predict [predictor]", "run [predictor]"],
      "Run a prediction locally, with secrets redacted from everything printed",
      (y) =>
        y
          .positional("predictor", { type: "string", describe: "path/to/predict.ts[:Export] (default: predict: in ./cog.yaml)" })
          .option("input", { alias: "i", type: "string", array: true, nargs: 1, default: [], describe: "An input as name=value; repeat for several or for a list (@file, env:NAME, - and @@literal supported)" })
          .option("json", { type: "string", describe: "All inputs as a JSON object: inline, @file.json, or - / @- for stdin" })
          .option("output", { alias: "o", type: "string", describe: "Write the output to this file or folder" })
          .option("env", { alias: "e", type: "string", array: true, nargs: 1, default: [], describe: "Set NAME=value in the predictor's environment" })
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
    );
}
