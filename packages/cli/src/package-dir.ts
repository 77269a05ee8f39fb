import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let found: { readonly dir: string; readonly version: string } | undefined;

/**
 * This CLI's own package: its folder and version, from the first package.json named `@tsc-cog/cli`
 * above this file — in dist/ as compiled, in dist/bundle/ as bundled (scripts/bundle.mjs), installed or
 * in the workspace.
 */
export function cliPackage(): { readonly dir: string; readonly version: string } {
  if (found !== undefined) return found;
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
    if (name === "@tsc-cog/cli" && version !== undefined) {
      found = { dir, version };
      return found;
    }
  }
  throw new Error("cannot find the @tsc-cog/cli package this command runs from");
}
