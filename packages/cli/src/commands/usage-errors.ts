import { UsageError } from "@tsc-cog/runtime";

/** The commands `tsc-cog` takes, aliases included (the table in ./table.ts declares each). */
export const COMMAND_NAMES = ["predict", "run", "schema", "secrets", "serve", "init", "build", "kubernetes", "completion"] as const;
/** The actions `tsc-cog secrets` takes, aliases included. */
export const SECRETS_ACTIONS = ["set", "list", "ls", "rm", "remove"] as const;

/** Flags that take a value as the next word, among those that may come before a secrets action. */
const VALUE_FLAGS = new Set(["--secrets-dir"]);

/**
 * The command words of argv as typed (`["predict"]`, `["secrets", "sett"]`): the first word that is
 * not a flag, and for `secrets` the next one. Only boolean flags may come before a command.
 */
export function commandWords(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const arg = argv[i];
    if (arg === "--") break;
    if (VALUE_FLAGS.has(arg)) i++;
    else if (arg === "true" || arg === "false" || arg.startsWith("-")) continue;
    else if (words.length === 0 || words[0] === "secrets") words.push(arg);
    else break;
  }
  return words;
}

/**
 * Throws a {@link UsageError} when argv names a command (or a secrets action) that does not exist,
 * with the closest one: `unknown command "predcit"; did you mean "predict"?`. yargs' own suggestion
 * (`Did you mean run?` for `foo`) neither names what was typed nor says how to list the commands.
 */
export function checkCommandWords(argv: readonly string[]): void {
  // Shell completion asks with partial words; yargs answers it.
  if (argv.includes("--get-yargs-completions")) return;
  const [command, action] = commandWords(argv);
  if (command !== undefined && !(COMMAND_NAMES as readonly string[]).includes(command)) {
    throw unknownCommand(command, closest(command, COMMAND_NAMES), "tsc-cog --help");
  }
  if (command === "secrets" && action !== undefined && !(SECRETS_ACTIONS as readonly string[]).includes(action)) {
    const suggestion = closest(action, SECRETS_ACTIONS);
    throw unknownCommand(`secrets ${action}`, suggestion && `secrets ${suggestion}`, "tsc-cog secrets --help");
  }
}

function unknownCommand(typed: string, suggestion: string | undefined, help: string): UsageError {
  const list = `${help} lists the commands`;
  const next = suggestion === undefined ? list : `did you mean "${suggestion}"? (${list})`;
  return new UsageError(`unknown command "${typed}"; ${next}`);
}

/**
 * yargs' strict-mode complaint (`Unknown arguments: inptu, b.ts`) as a message that names the command
 * and its help: `unknown option --inptu for tsc-cog predict; see tsc-cog predict --help`. Option names
 * are shown as typed, without any `=value`; `undefined` when the complaint is not about unknown arguments.
 */
export function unknownArgumentsMessage(yargsMessage: string, argv: readonly string[]): string | undefined {
  const listed = /^Unknown arguments?: (.*)$/.exec(yargsMessage)?.[1].split(", ");
  if (listed === undefined) return undefined;
  const words = commandWords(argv);
  const command = `tsc-cog ${words.join(" ")}`.trimEnd();
  const names = listed.filter((name) => !listed.includes(kebab(name)) || kebab(name) === name);
  const options: string[] = [];
  const positionals: string[] = [];
  for (const name of names) {
    const flag = typedFlag(name, argv);
    if (flag !== undefined) options.push(flag);
    else if (!words.includes(name)) positionals.push(`"${name}"`);
  }
  const see = `see ${command} --help`;
  const parts: string[] = [];
  if (options.length > 0) parts.push(`unknown option${options.length > 1 ? "s" : ""} ${options.join(", ")} for ${command}; ${see}`);
  if (positionals.length > 0) {
    parts.push(`unexpected argument${positionals.length > 1 ? "s" : ""} ${positionals.join(", ")} for ${command}; ${see}`);
  }
  return parts.length > 0 ? parts.join("\n") : undefined;
}

/** How `name` was given as a flag (`--inptu`, `--no-inptu`, `-z`), cut before any `=value`; `undefined` if it was not. */
function typedFlag(name: string, argv: readonly string[]): string | undefined {
  for (const arg of argv) {
    if (arg === "--") break;
    if (!arg.startsWith("-")) continue;
    const flag = arg.split("=")[0];
    const bare = flag.replace(/^--?/, "");
    if (bare === name || bare === `no-${name}` || (flag.startsWith("--") && kebab(bare) === kebab(name))) return flag;
    // A cluster of short flags (`-qz`): name the one letter.
    if (!flag.startsWith("--") && name.length === 1 && bare.includes(name)) return `-${name}`;
  }
  return undefined;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The candidate nearest to `typed`, if near enough to be what was meant: one that starts with it, or
 * one within an edit distance of 1 (2 for words of five letters or more; a swap of two letters is one edit).
 */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  if (word.length >= 2) {
    const prefixed = candidates.find((candidate) => candidate.startsWith(word));
    if (prefixed !== undefined) return prefixed;
  }
  const limit = word.length >= 5 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The refusal of `tsc-cog secrets set NAME VALUE`: a value is never taken from argv. It names no word
 * after the name, since any of them may be the secret; `undefined` for other commands.
 */
export function secretValueOnCommandLine(argv: readonly string[]): UsageError | undefined {
  const [command, action] = commandWords(argv);
  if (command !== "secrets" || action !== "set") return undefined;
  const name = argv.slice(argv.indexOf(action) + 1).find((arg) => !arg.startsWith("-")) ?? "NAME";
  return new UsageError(
    `tsc-cog secrets set takes no value on the command line: shell history and process listings would keep it. Nothing was stored.\n` +
      `Type it at the hidden prompt (tsc-cog secrets set ${name}) or pipe it in (tsc-cog secrets set ${name} < FILE).\n` +
      "If what you typed is a real secret, it is now in your shell history: delete it there, and rotate it if others can read that history.",
  );
}
