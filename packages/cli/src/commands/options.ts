import type { Argv, InferredOptionType, Options, PositionalOptions } from "yargs";

/**
 * The arguments of one command in yargs' own terms: its positionals, in order, then its flags. Each
 * command's arguments are declared here once; yargs is given them ({@link declareArguments}), the
 * options type is inferred from them ({@link OptionsOf}) and the parsed values are read back by the
 * same names ({@link optionsOf}).
 */
export interface ArgumentDeclaration {
  readonly positionals?: Readonly<Record<string, PositionalOptions>>;
  readonly options?: Readonly<Record<string, Options>>;
}

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type Declared<D> = (D extends { positionals: infer P } ? P : {}) & (D extends { options: infer O } ? O : {});
/** yargs' inferred type of each argument, under the camelCase name it is read by (`setup-timeout` → `setupTimeout`). */
type Fields<D> = {
  [K in keyof Declared<D> & string as CamelCase<K>]: Declared<D>[K] extends Options | PositionalOptions
    ? InferredOptionType<Declared<D>[K]>
    : never;
};
type OptionalKeys<F> = { [K in keyof F]-?: undefined extends F[K] ? K : never }[keyof F];
/** An array option's value as a readonly array (`default: []` infers `never[]`, which this folds into the element type). */
type Frozen<T> = [T] extends [readonly (infer E)[]] ? readonly E[] : T;

/**
 * The options a command function takes, inferred from its {@link ArgumentDeclaration}: camelCase
 * names, readonly, and an argument with neither a default nor `demandOption` optional.
 */
export type OptionsOf<D extends ArgumentDeclaration> = {
  readonly [K in Exclude<keyof Fields<D>, OptionalKeys<Fields<D>>>]: Frozen<Fields<D>[K]>;
} & { readonly [K in OptionalKeys<Fields<D>>]?: Frozen<Exclude<Fields<D>[K], undefined>> };

/** Gives yargs a command's positionals and options, in declaration order. */
export function declareArguments<T>(yargs: Argv<T>, declaration: ArgumentDeclaration): Argv<T> {
  for (const [name, spec] of Object.entries(declaration.positionals ?? {})) yargs.positional(name, spec);
  for (const [name, spec] of Object.entries(declaration.options ?? {})) yargs.option(name, spec);
  return yargs;
}

/** The name an argument is read back by, as yargs' argv holds it: `setup-timeout` → `setupTimeout`. */
export function camelCaseName(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Reads a command's options out of yargs' parsed argv: only the declared names, and only those given or defaulted. */
export function optionsOf<D extends ArgumentDeclaration>(argv: { readonly [name: string]: unknown }, declaration: D): OptionsOf<D> {
  const names = [...Object.keys(declaration.positionals ?? {}), ...Object.keys(declaration.options ?? {})];
  const keys = names.map(camelCaseName);
  const options = Object.fromEntries(keys.filter((key) => argv[key] !== undefined).map((key) => [key, argv[key]]));
  // The one untyped step: yargs has parsed each of these names by the very declaration OptionsOf<D> is inferred from.
  return options as OptionsOf<D>;
}

const predictor = { type: "string", describe: "path/to/predict.ts[:Export] (default: predict: in ./cog.yaml)" } satisfies PositionalOptions;
const setupTimeout = { type: "number", default: 300, describe: "Seconds setup() may take (0 for no limit)" } satisfies Options;
const secretsDir = { type: "string", default: "/secrets", describe: "Folder of deployment secret files (<dir>/<name>)" } satisfies Options;

/** Flags every command takes. */
export const globalArguments = {
  options: {
    debug: { type: "boolean", default: false, describe: "Show stack traces" },
    color: { type: "boolean", default: true, describe: "Colour on a terminal (--no-color, or NO_COLOR, to disable)" },
  },
} satisfies ArgumentDeclaration;

/** `tsc-cog predict [predictor]` (alias `run`). */
export const predictArguments = {
  positionals: { predictor },
  options: {
    input: {
      alias: "i",
      type: "string",
      array: true,
      nargs: 1,
      default: [],
      describe: "An input as name=value; repeat for several or for a list (@file, env:NAME, - and @@literal supported)",
    },
    json: { type: "string", describe: "All inputs as a JSON object: inline, @file.json, or - / @- for stdin" },
    output: { alias: "o", type: "string", describe: "Write the output to this file or folder" },
    env: { alias: "e", type: "string", array: true, nargs: 1, default: [], describe: "Set NAME=value in the predictor's environment" },
    "setup-timeout": setupTimeout,
    "secrets-dir": secretsDir,
    quiet: { alias: "q", type: "boolean", default: false, describe: "Hide the predictor's logs and status messages" },
    url: { type: "string", describe: "Send the prediction to a running tsc-cog serve at this URL instead of starting the predictor" },
  },
} satisfies ArgumentDeclaration;

/** `tsc-cog schema [predictor]`. */
export const schemaArguments = { positionals: { predictor } } satisfies ArgumentDeclaration;

/**
 * `tsc-cog secrets set <name>`: no value argument — a value is read from a hidden prompt or stdin, and
 * extra words are refused at parsing (./usage-errors.ts `secretValueOnCommandLine`).
 */
export const secretsSetArguments = {
  positionals: { name: { type: "string", demandOption: true, describe: "The secret's name, as declared in cog.yaml" } },
} satisfies ArgumentDeclaration;

/** `tsc-cog secrets list` (alias `ls`). */
export const secretsListArguments = {
  options: { "secrets-dir": { type: "string", default: "/secrets", describe: "Folder of deployment secret files" } },
} satisfies ArgumentDeclaration;

/** `tsc-cog secrets rm <name>` (alias `remove`). */
export const secretsRmArguments = { positionals: { name: { type: "string", demandOption: true } } } satisfies ArgumentDeclaration;

/** `tsc-cog serve [predictor]`. */
export const serveArguments = {
  positionals: { predictor },
  options: {
    host: { type: "string", default: "127.0.0.1", describe: "Address to listen on" },
    port: { type: "number", describe: "Port (default: $PORT or 8393)" },
    concurrency: {
      type: "number",
      describe:
        "Worker processes (default 1); predictions at once per worker come from @Concurrent, cog.yaml concurrency.max or $COG_MAX_CONCURRENCY",
    },
    "setup-timeout": setupTimeout,
    "secrets-dir": secretsDir,
    "upload-url": { type: "string", describe: "PUT returned files to URL/<name> and answer with their URLs (default: data URLs)" },
    playground: { type: "boolean", default: false, describe: "Serve a page at /playground to try the predictor in a browser" },
    watch: {
      type: "boolean",
      default: false,
      describe: "Restart the workers when the project's source files change (the server stays up)",
    },
  },
} satisfies ArgumentDeclaration;

/** `tsc-cog init [dir]`. */
export const initArguments = {
  positionals: { dir: { type: "string", default: ".", describe: "Folder to create the project in (created if missing)" } },
} satisfies ArgumentDeclaration;

/** `tsc-cog build [predictor]`. */
export const buildArguments = {
  positionals: { predictor },
  options: {
    tag: { alias: "t", type: "string", describe: "Image name (default: tsc-cog-<folder name>)" },
    "base-image": { type: "string", describe: "Base image with Node ≥ 20.19 (default: node:22-bookworm-slim)" },
    "context-only": { type: "string", describe: "Write the build context to DIR and print the build command, without building" },
  },
} satisfies ArgumentDeclaration;

/** `tsc-cog kubernetes`. */
export const kubernetesArguments = {
  options: {
    image: { type: "string", demandOption: true, describe: "The image `tsc-cog build` made, as the cluster pulls it" },
    name: { type: "string", describe: "Name of every object (default: the project folder's name)" },
    replicas: { type: "number", default: 1, describe: "Pods" },
    concurrency: { type: "number", default: 1, describe: "Worker processes per pod (tsc-cog serve --concurrency)" },
    "max-replicas": { type: "number", describe: "Add a HorizontalPodAutoscaler from --replicas up to this many pods" },
    "setup-timeout": { type: "number", default: 300, describe: "Seconds setup() may take: the startup probe waits this long" },
    "prediction-timeout": {
      type: "number",
      default: 600,
      describe: "Seconds the longest prediction takes: SIGTERM waits this long for predictions to drain",
    },
  },
} satisfies ArgumentDeclaration;

/** `--debug` and `--color`, which every command takes. */
export type GlobalOptions = OptionsOf<typeof globalArguments>;
/** The options of `tsc-cog predict`; `debug` is the global `--debug`. */
export type PredictOptions = OptionsOf<typeof predictArguments> & Pick<GlobalOptions, "debug">;

/** `predict`'s options out of parsed argv (yargs', or the quick parse's in the same shape). */
export function predictOptionsOf(argv: { readonly [name: string]: unknown }): PredictOptions {
  return { ...optionsOf(argv, predictArguments), debug: optionsOf(argv, globalArguments).debug };
}
/** The options of `tsc-cog schema`. */
export type SchemaOptions = OptionsOf<typeof schemaArguments>;
/** The options of `tsc-cog secrets set`. */
export type SecretsSetOptions = OptionsOf<typeof secretsSetArguments>;
/** The options of `tsc-cog secrets list`. */
export type SecretsListOptions = OptionsOf<typeof secretsListArguments>;
/** The options of `tsc-cog secrets rm`. */
export type SecretsRmOptions = OptionsOf<typeof secretsRmArguments>;
/** The options of `tsc-cog serve`. */
export type ServeOptions = OptionsOf<typeof serveArguments>;
/** The options of `tsc-cog init`. */
export type InitOptions = OptionsOf<typeof initArguments>;
/** The options of `tsc-cog build`. */
export type BuildOptions = OptionsOf<typeof buildArguments>;
/** The options of `tsc-cog kubernetes`. */
export type KubernetesOptions = OptionsOf<typeof kubernetesArguments>;
