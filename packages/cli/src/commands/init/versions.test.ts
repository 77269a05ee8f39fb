import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { dependencyVersions, TYPES_NODE_RANGE, TYPESCRIPT_RANGE } from "./versions.js";

/** A package.json of this repository (this file is packages/cli/dist-test/commands/init/ once built). */
const manifest = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../../../../${path}`, import.meta.url), "utf8")) as {
    version: string;
    devDependencies: Record<string, string>;
  };

describe("dependencyVersions", () => {
  it("asks for the SDK and CLI this CLI was built with", () => {
    const versions = dependencyVersions();
    assert.equal(versions.sdk, `^${manifest("packages/sdk/package.json").version}`);
    assert.equal(versions.cli, `^${manifest("packages/cli/package.json").version}`);
  });

  it("pins the workspace's own TypeScript and Node types", () => {
    const root = manifest("package.json").devDependencies;
    assert.equal(TYPESCRIPT_RANGE, `^${root.typescript.replace(/^[\^~]/, "")}`);
    assert.equal(TYPES_NODE_RANGE, `^${root["@types/node"].replace(/^[\^~]/, "")}`);
  });
});
