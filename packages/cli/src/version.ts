import { cliPackage } from "./package-dir.js";

/** This CLI's version, from its package.json. */
export function cliVersion(): string {
  return cliPackage().version;
}
