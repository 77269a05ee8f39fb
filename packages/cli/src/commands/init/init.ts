import { relative, resolve } from "node:path";
import { UsageError } from "@tsc-cog/runtime";
import type { CommandIO } from "../../io.js";
import type { InitOptions } from "../options.js";
import { packageNameFor } from "./package-name.js";
import { projectFiles } from "./project-files.js";
import { DEPLOYMENT_SECRET, PREDICT_COMMAND, SECRET_INPUT, SECRETS_SET_COMMAND, TOKEN_VARIABLE } from "./templates/starter.js";
import { dependencyVersions } from "./versions.js";
import { FilesExistError, writeNewFiles } from "./write-new-files.js";

/**
 * `tsc-cog init [dir]`: writes a project that runs, type-checks and builds at once into `dir` (created
 * if missing). Never overwrites: if any of its files exists, nothing is written and a UsageError lists them.
 */
export async function init(options: InitOptions, io: CommandIO): Promise<void> {
  const dir = resolve(io.cwd, options.dir);
  const shown = relative(io.cwd, dir) || ".";
  const files = projectFiles(packageNameFor(dir), dependencyVersions());
  try {
    writeNewFiles(dir, files);
  } catch (error) {
    if (error instanceof FilesExistError) {
      throw new UsageError(
        `tsc-cog init: ${shown} already has ${error.existing.join(", ")}; nothing was written (remove them or pick another folder)`,
      );
    }
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`tsc-cog init: could not write the project into ${shown} (${reason}); nothing was written`, { cause: error });
  }
  io.info(
    nextSteps(
      shown,
      files.map((file) => file.name),
    ),
  );
}

/** What was written and the commands that run it, each working as written once API_TOKEN is set. */
function nextSteps(shown: string, names: readonly string[]): string {
  const steps = [
    ...(shown === "." ? [] : [`cd ${/^[\w@%+=:,./-]+$/.test(shown) ? shown : `'${shown.replaceAll("'", "'\\''")}'`}`]),
    `${SECRETS_SET_COMMAND}    # the deployment secret "${DEPLOYMENT_SECRET}", typed at a hidden prompt`,
    PREDICT_COMMAND,
  ];
  return [
    `Created ${names.join(", ")} in ${shown === "." ? "this folder" : shown}.`,
    "",
    "Next:",
    ...steps.map((step) => `  ${step}`),
    "",
    `The last command reads the ${SECRET_INPUT} input from $${TOKEN_VARIABLE} (set it first, or leave -i ${SECRET_INPUT} out to be asked).`,
    "npm install adds the SDK's types and the type checker (npm run typecheck); README.md has the rest.",
  ].join("\n");
}
