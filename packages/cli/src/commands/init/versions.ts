import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cliVersion } from "../../version.js";

/**
 * The type checker and Node types a new project pins. Fixed here rather than read at run time (an
 * installed CLI has no workspace to read them from); a unit test keeps them equal to the workspace's.
 */
export const TYPESCRIPT_RANGE = "^7.0.2";
export const TYPES_NODE_RANGE = "^20.19.0";

/** The versions a new project's package.json asks for. */
export interface DependencyVersions {
  readonly sdk: string;
  readonly cli: string;
  readonly typescript: string;
  readonly typesNode: string;
}

/**
 * The SDK and CLI as installed with this CLI (caret ranges of their exact versions), so a project
 * starts on the SDK its CLI was built with, plus {@link TYPESCRIPT_RANGE} and {@link TYPES_NODE_RANGE}.
 */
export function dependencyVersions(): DependencyVersions {
  // The SDK exports its package.json: resolved the way the CLI resolves the SDK itself.
  const sdkManifest = createRequire(import.meta.url).resolve("@tsc-cog/sdk/package.json");
  const sdk = (JSON.parse(readFileSync(sdkManifest, "utf8")) as { version: string }).version;
  return { sdk: `^${sdk}`, cli: `^${cliVersion()}`, typescript: TYPESCRIPT_RANGE, typesNode: TYPES_NODE_RANGE };
}
