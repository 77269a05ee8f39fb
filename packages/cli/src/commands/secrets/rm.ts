import { removeStoredSecret, secretStoreDir, UsageError } from "@tsc-cog/runtime";
import type { CommandIO } from "../../io.js";
import type { SecretsRmOptions } from "../options.js";

/**
 * Removes a secret from the local store. A name that is not stored is a {@link UsageError} (exit 2,
 * like `rm` of a missing file), so a typo in the name is noticed instead of silently succeeding.
 */
export async function secretsRm(options: SecretsRmOptions, io: CommandIO): Promise<void> {
  const dir = secretStoreDir(io.env);
  if (!removeStoredSecret(dir, options.name)) {
    throw new UsageError(
      `no secret "${options.name}" in the local store (${dir}); nothing removed. See the stored names with: tsc-cog secrets list`,
    );
  }
  io.info(`Removed secret "${options.name}" from the local store (${dir})`);
}
