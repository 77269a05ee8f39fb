import type { DependencyVersions } from "../versions.js";
import { DEPLOYMENT_SECRET } from "./starter.js";

/** The starter's cog.yaml: the predictor and its deployment secret, by name only. */
export function cogYaml(): string {
  return `predict: "predict.ts:Predictor"
# Deployment secrets, by name only: the values come from /secrets/<name> (--secrets-dir),
# $TSC_COG_SECRET_<name> or \`tsc-cog secrets set <name>\`. A value written here is rejected.
secrets:
  ${DEPLOYMENT_SECRET}: null
`;
}

/** The starter's package.json: private, ESM, the SDK as its one dependency. */
export function packageJson(name: string, versions: DependencyVersions): string {
  const manifest = {
    name,
    version: "0.1.0",
    private: true,
    type: "module",
    scripts: { predict: "tsc-cog predict", serve: "tsc-cog serve", typecheck: "tsc --noEmit", build: "tsc-cog build" },
    dependencies: { "@tsc-cog/sdk": versions.sdk },
    devDependencies: { "@tsc-cog/cli": versions.cli, "@types/node": versions.typesNode, typescript: versions.typescript },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The starter's tsconfig.json: type-checking only (tsc-cog compiles predictors itself), extending the
 * SDK's preset — the decorator settings tsc-cog's own compiler uses, so `tsc --noEmit` and a run
 * agree — plus the Node types the starter's own code uses (node:crypto).
 */
export function tsconfigJson(): string {
  const config = {
    extends: "@tsc-cog/sdk/tsconfig.json",
    compilerOptions: { types: ["node"] },
    include: ["**/*.ts"],
    exclude: ["node_modules", ".tsc-cog"],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
