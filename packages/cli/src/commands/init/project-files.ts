import { cogYaml, packageJson, tsconfigJson } from "./templates/config.js";
import { dockerignore, gitignore } from "./templates/ignores.js";
import { predictorSource } from "./templates/predictor.js";
import { readme } from "./templates/readme.js";
import type { DependencyVersions } from "./versions.js";

/** One file of a new project: its name in the project folder and its whole content. */
export interface ProjectFile {
  readonly name: string;
  readonly content: string;
}

/** The files `tsc-cog init` writes, in the order it lists them; `name` is the npm package name. */
export function projectFiles(name: string, versions: DependencyVersions): ProjectFile[] {
  return [
    { name: "predict.ts", content: predictorSource() },
    { name: "cog.yaml", content: cogYaml() },
    { name: "package.json", content: packageJson(name, versions) },
    { name: "tsconfig.json", content: tsconfigJson() },
    { name: "README.md", content: readme(name) },
    { name: ".gitignore", content: gitignore() },
    { name: ".dockerignore", content: dockerignore() },
  ];
}
