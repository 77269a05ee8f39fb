import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describeFsError, dropTrailingNewline, InputProblem, resolvePathInput, unresolvableInput } from "@tsc-cog/runtime";
import { Secret } from "@tsc-cog/sdk";
import { coerceItemText, type InputSpec } from "@tsc-cog/sdk/engine";
import type { ResolveContext } from "./resolve-context.js";

const SAFE_SECRET_FORMS = "@FILE, env:NAME or - (stdin)";

/**
 * Resolves one command-line text for an input of the given spec into the value predict() will see:
 * `@@x` is the literal `@x`; `@file` is a Path (Path inputs), the file's text (string inputs) or the
 * file's text less one trailing newline (secrets); a secret also comes from `env:NAME` or `-` (stdin);
 * Path inputs also take http(s) and data URLs (the prediction core's one resolver). Everything else is
 * coerced by type (DESIGN §5). A text that cannot be resolved throws an {@link InputProblem}.
 */
export async function resolveText(spec: InputSpec, text: string, context: ResolveContext): Promise<unknown> {
  const { base } = spec.type;
  if (text.startsWith("@@")) return coerceItemText(spec.type, text.slice(1));
  if (base === "secret") return new Secret(await secretText(spec, text, context));
  if (base === "path")
    return resolvePathInput(spec.name, text, { cwd: context.cwd, tempDir: () => context.tempDir(), signal: context.signal });
  if (text.startsWith("@")) return coerceItemText(spec.type, readInputFile(spec, text.slice(1), context));
  return coerceItemText(spec.type, text);
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
