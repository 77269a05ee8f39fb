import { createRequire } from "node:module";

/** The class-validator module. */
export type ClassValidator = typeof import("class-validator");

let loaded: ClassValidator | undefined;

/**
 * class-validator, loaded on first use. It pulls in validator.js and libphonenumber (≈ 250 ms of
 * start-up here), so predictors without constraints never pay for it. It is a CommonJS package:
 * `import` and `require` give the same instance (and it keeps its metadata on a global anyway).
 */
export function classValidator(): ClassValidator {
  // Resolved from the SDK's own package (a self-reference), not this file: bundled into the CLI
  // (see scripts/bundle.mjs), this code runs from the CLI's folder, which need not see class-validator.
  loaded ??= createRequire(import.meta.resolve("@tsc-cog/sdk"))("class-validator") as ClassValidator;
  return loaded;
}
