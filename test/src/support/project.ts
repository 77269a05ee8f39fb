// Predictor projects for the end-to-end tests: where the fixtures and examples are (read only), and
// temp project folders made from a fixture or from files written at test time.
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { REPO_ROOT } from "./cli.js";
import { copyToTemp, tempDir, writeFiles } from "./temp.js";

/** The repository's examples/ (never written to: a test that writes copies one with `copyToTemp`). */
export const EXAMPLES = join(REPO_ROOT, "examples");

/** `test/fixtures/<parts…>`, absolute (never written to). */
export const fixturePath = (...parts: string[]) => join(REPO_ROOT, "test", "fixtures", ...parts);

/** The predict suite's fixtures: test/fixtures/predict. */
export const PREDICT_FIXTURES = fixturePath("predict");

/** The hostile predictor the leak suites share: test/fixtures/leaky. */
export const LEAKY = fixturePath("leaky");

/** `test/fixtures/predict/<folder>/predict.ts[:Export]`, absolute. */
export const predictFixture = (folder: string, exportName?: string) =>
  `${join(PREDICT_FIXTURES, folder, "predict.ts")}${exportName ? `:${exportName}` : ""}`;

/** `test/fixtures/reliability/faults/predict.ts:<Export>`, absolute: the reliability suite's fault fixture. */
export const fault = (exportName: string) => `${fixturePath("reliability", "faults", "predict.ts")}:${exportName}`;

/** `test/fixtures/server/<name>`: a project folder (with cog.yaml) for `tsc-cog serve`. */
export const serverFixture = (name: string) => fixturePath("server", name);

/** A copy of `test/fixtures/<parts…>` (a folder) in a fresh temp folder; returns the copy's path. */
export function copyFixture(...parts: string[]): string {
  return copyToTemp(fixturePath(...parts), `tsc-cog-${basename(join(...parts))}-`);
}

/** A fresh temp project folder holding `files` (relative path → content), e.g. a cog.yaml written at test time. */
export function makeProject(files: Readonly<Record<string, string | Buffer>>, prefix = "tsc-cog-project-"): string {
  return writeFiles(tempDir(prefix), files);
}

/**
 * A fresh marker file path for `TSC_COG_TEST_MARKER`: the fault fixture appends `loaded`, `setup`
 * and `predict` to it, so a test can prove what ran (see {@link markedSteps}).
 */
export function newMarker(): string {
  return join(tempDir("tsc-cog-marker-"), "marker");
}

/** The steps the predictor recorded in `marker` (empty when it never loaded). */
export function markedSteps(marker: string): string[] {
  return existsSync(marker) ? readFileSync(marker, "utf8").split("\n").filter(Boolean) : [];
}
