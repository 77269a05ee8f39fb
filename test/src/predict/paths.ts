import { join } from "node:path";
import { REPO_ROOT } from "../support/cli.js";

/** Folders the predict tests read from (never write to). */
export const EXAMPLES = join(REPO_ROOT, "examples");
export const FIXTURES = join(REPO_ROOT, "test", "fixtures", "predict");
export const LEAKY = join(REPO_ROOT, "test", "fixtures", "leaky");

/** `test/fixtures/predict/<folder>/predict.ts[:Export]`, absolute. */
export const fixture = (folder: string, exportName?: string) =>
  `${join(FIXTURES, folder, "predict.ts")}${exportName ? `:${exportName}` : ""}`;
