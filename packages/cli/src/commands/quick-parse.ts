import { parseArgs } from "node:util";
import type { Options } from "yargs";
import { type ArgumentDeclaration, camelCaseName, globalArguments, optionsOf, predictArguments, predictOptionsOf } from "./options.js";
import type { ParsedCommand } from "./table.js";

/** What `predict` takes: its own arguments and the global ones, as declared for yargs (./options.ts). */
const DECLARED: readonly ArgumentDeclaration[] = [predictArguments, globalArguments];

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>["options"] & {};

/** The same flags in `util.parseArgs`' terms: numbers are read as text (and checked below), aliases of one letter as `short`. */
const PARSE_ARGS_OPTIONS: ParseArgsOptions = Object.fromEntries(
  DECLARED.flatMap((declaration) =>
    Object.entries(declaration.options ?? {}).map(([name, spec]: [string, Options]) => [
      name,
      {
        type: spec.type === "boolean" ? ("boolean" as const) : ("string" as const),
        ...(spec.array === true ? { multiple: true } : {}),
        ...(typeof spec.alias === "string" && spec.alias.length === 1 ? { short: spec.alias } : {}),
      },
    ]),
  ),
);

const DECLARED_OPTIONS: ReadonlyMap<string, Options> = new Map(
  DECLARED.flatMap((declaration) => Object.entries(declaration.options ?? {})),
);

/**
 * `tsc-cog predict` (or `run`) parsed without yargs, when its command line is plain: each flag one
 * declared in ./options.ts, written out (`-i x`, `--input x`, `--input=x`), each value not starting
 * with `-`, numbers plainly numbers, at most one positional (the predictor). Building yargs and
 * parsing with it cost 15–20 ms of every run's start-up (BENCHMARKS.md, Start-up); yargs is not even
 * loaded when this succeeds. Anything else — help, the version, an unknown or camelCase flag,
 * `--no-…`, grouped short flags, `--`, a lone `-`, a repeated single-value flag, `true`/`false` after a
 * flag — returns `undefined`, and yargs parses it (and words its errors) as before.
 * quick-parse.test.ts checks, against yargs, that every command line this accepts parses the same.
 */
export function parsePredictQuickly(argv: readonly string[]): ParsedCommand | undefined {
  if (argv[0] !== "predict" && argv[0] !== "run") return undefined;
  const args = argv.slice(1);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: PARSE_ARGS_OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch {
    return undefined;
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind === "option-terminator") return undefined;
    if (token.kind !== "option") continue;
    const raw = args[token.index];
    const written = raw === token.rawName || (token.rawName.startsWith("--") && raw.startsWith(`${token.rawName}=`));
    if (!written || token.value?.startsWith("-")) return undefined;
    const spec = DECLARED_OPTIONS.get(token.name);
    if (spec?.array !== true && seen.has(token.name)) return undefined;
    seen.add(token.name);
  }
  // yargs takes a `true`/`false` after a boolean flag as its value (`--quiet false`); here it would be a positional.
  // A lone `-` is a positional here, not to yargs.
  const odd = (word: string) => word === "true" || word === "false" || word.startsWith("-");
  if (parsed.positionals.length > 1 || parsed.positionals.some(odd)) return undefined;

  // The values as yargs' argv would hold them: camelCase names, defaults filled in, numbers as numbers.
  const values: Record<string, unknown> = {};
  for (const [name, spec] of DECLARED_OPTIONS) {
    const given = parsed.values[name];
    let value: unknown = given ?? spec.default;
    if (spec.type === "number" && typeof given === "string") {
      if (!/^\d+(\.\d+)?$/.test(given)) return undefined;
      value = Number(given);
    }
    if (value !== undefined) values[camelCaseName(name)] = value;
  }
  if (parsed.positionals.length === 1) values.predictor = parsed.positionals[0];
  return { command: "predict", options: predictOptionsOf(values), global: optionsOf(values, globalArguments) };
}
