#!/usr/bin/env node
// Packs every package as it would be published (pnpm pack: its prepack builds it, workspace:* becomes
// a version) and lints each tarball: publint (package.json against the files it ships) and
// Are the Types Wrong (its types, as TypeScript resolves them). Exits non-zero on any finding.
//
// attw runs with the esm-only profile: the packages are ESM only ("type": "module", no "require"
// condition), by design, so a CommonJS `require` of them resolving to ESM is expected, not a finding;
// every other rule (node16 and bundler resolution, missing or untyped entry points) still applies.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const PNPM = ["-y", "pnpm@10.34.9"];
const out = mkdtempSync(join(tmpdir(), "tsc-cog-packs-"));
let failed = false;

/** Runs a command; with `quiet`, its output is shown only when it fails. */
function run(command, args, cwd, quiet = false) {
  const result = spawnSync(command, args, { cwd, stdio: quiet ? "pipe" : "inherit", encoding: "utf8" });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout}${result.stderr}`);
    failed = true;
  }
  return result.status === 0;
}

try {
  for (const name of readdirSync("packages").sort()) {
    const dir = resolve("packages", name);
    console.log(`\n== packages/${name}`);
    if (!run("npx", [...PNPM, "pack", "--pack-destination", out], dir, true)) continue;
    const tarball = join(out, readdirSync(out).find((file) => file.includes(`-${name}-`) && file.endsWith(".tgz")) ?? "");
    run("npx", ["publint", "run", "--strict", tarball], process.cwd());
    run("npx", ["attw", "--profile", "esm-only", tarball], process.cwd());
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
