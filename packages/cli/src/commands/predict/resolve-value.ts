import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describeFsError, dropTrailingNewline, InputProblem, resolvePathInput, unresolvableInput } from "@tsc-cog/runtime";
import { Secret } from "@tsc-cog/sdk";
import { type BaseType, coerceItemText, describeType, type InputSpec, type InputType, invalidInput } from "@tsc-cog/sdk/engine";
import type { ResolveContext } from "./resolve-context.js";

const SAFE_SECRET_FORMS = "@FILE, env:NAME or - (stdin)";

/**
 * Resolves one command-line text for an input of the given spec into the value predict() will see:
 * `@@x` is the literal `@x`; `@file` is a Path (Path inputs), the file's text (string inputs) or the
 * file's text less one trailing newline (secrets); a secret also comes from `env:NAME` or `-` (stdin);
 * Path inputs also take http(s) and data URLs (the prediction core's one resolver). Everything else is
 * coerced by type (DESIGN §5). A text that cannot be resolved throws an {@link InputProblem}; `item` is
 * the text's index when it is one item of a list input.
 */
export async function resolveText(spec: InputSpec, text: string, context: ResolveContext, item?: number): Promise<unknown> {
  const { base } = spec.type;
  if (text.startsWith("@@")) return coerced(spec, text.slice(1), item);
  if (base === "secret") return new Secret(await secretText(spec, text, context));
  if (base === "path")
    return resolvePathInput(spec.name, text, { cwd: context.cwd, tempDir: () => context.tempDir(), signal: context.signal });
  if (text.startsWith("@")) return coerced(spec, readInputFile(spec, text.slice(1), context), item);
  return coerced(spec, text, item);
}

/**
 * The text converted to the input's type; a text that is no value of it is reported with what was
 * given (`expected an integer, got "2.5"`), and for a list with the item's index.
 */
function coerced(spec: InputSpec, text: string, item: number | undefined): unknown {
  const value = coerceItemText(spec.type, text);
  if (typeof value !== "string" || takesText(spec.type)) return value;
  // Never a secret's text: secret inputs never get here, and a union has no secret member.
  const shown = text.length > MAX_SHOWN ? `${JSON.stringify(text.slice(0, MAX_SHOWN))}… (${text.length} characters)` : JSON.stringify(text);
  const where = item === undefined ? "" : `item ${item}: `;
  throw new InputProblem(invalidInput("type", spec.name, `${where}expected ${expectedPhrase(spec.type)}, got ${shown}`));
}

/** How much of a text that is no value of its input's type an error repeats. */
const MAX_SHOWN = 40;

const PHRASES: Record<BaseType, string> = {
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  object: "a JSON object",
  string: "a string",
  path: "a path",
  secret: "a secret",
};

/** True when a string is a value of the type (for a list: of one item), so any text is. */
function takesText(type: InputType): boolean {
  if (type.base === "union") return type.members.some((member) => !member.list && (member.base === "string" || member.base === "path"));
  return type.base === "string" || type.base === "path" || type.base === "secret";
}

function expectedPhrase(type: InputType): string {
  if (type.base === "union")
    return type.members.map((member) => (member.list ? `a ${describeType(member)}` : PHRASES[member.base])).join(" or ");
  return PHRASES[type.base];
}

async function secretText(spec: InputSpec, text: string, context: ResolveContext): Promise<string> {
  if (text.startsWith("@")) return dropTrailingNewline(readInputFile(spec, text.slice(1), context));
  if (text === "-") return dropTrailingNewline(await context.readStdin(spec.name));
  if (text.startsWith("env:")) {
    const name = text.slice(4);
    const value = context.env[name];
    if (value === undefined) {
      throw new InputProblem(
        unresolvableInput(spec.name, `environment variable ${name} is not set (export it, or pass the secret as @FILE or -)`),
      );
    }
    return value;
  }
  context.warnings.push(
    `secret input "${spec.name}" was given on the command line, where shell history and process listings can see it; prefer ${SAFE_SECRET_FORMS}`,
  );
  return text;
}

function readInputFile(spec: InputSpec, file: string, context: ResolveContext): string {
  try {
    return readFileSync(resolve(context.cwd, file), "utf8");
  } catch (error) {
    throw new InputProblem(unresolvableInput(spec.name, `cannot read file ${file}: ${describeFsError(error)}`));
  }
}
