import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import SwaggerParser from "@apidevtools/swagger-parser";
import { REPO_ROOT, runCli } from "../support/cli.js";
import { EXAMPLES } from "../support/project.js";

const SNAPSHOTS = join(REPO_ROOT, "test", "snapshots", "schema");
const examples = readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, "cog.yaml")));

// `tsc-cog schema` for every example, through the built CLI (worker, swc loader and all): the document
// is snapshotted (UPDATE_SNAPSHOTS=1 rewrites the files) and validated as OpenAPI 3.0.
describe("tsc-cog schema on every example", () => {
  it("finds the examples", () => {
    assert.ok(examples.length >= 6, `examples found: ${examples.join(", ")}`);
  });

  for (const example of examples) {
    it(`${example}: prints the snapshotted document, a valid OpenAPI 3.0.2 document`, async () => {
      const run = await runCli(["schema"], { cwd: join(EXAMPLES, example) });
      assert.equal(run.code, 0, run.stderr);
      const document = JSON.parse(run.stdout) as Record<string, unknown>;
      assert.equal(document.openapi, "3.0.2");
      await SwaggerParser.validate(structuredClone(document) as never);
      const file = join(SNAPSHOTS, `${example}.json`);
      // The version is the CLI's own; keep the snapshots stable across releases.
      const stable = `${JSON.stringify({ ...document, info: { ...(document.info as object), version: "<version>" } }, null, 2)}\n`;
      if (process.env.UPDATE_SNAPSHOTS === "1") writeFileSync(file, stable);
      assert.ok(existsSync(file), `no snapshot for ${example}: run the tests once with UPDATE_SNAPSHOTS=1 and review it`);
      assert.equal(stable, readFileSync(file, "utf8"), `schema of ${example} changed; rerun with UPDATE_SNAPSHOTS=1 if intended`);
    });
  }
});
