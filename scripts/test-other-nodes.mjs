#!/usr/bin/env node
// Runs the compiled test suite under Node 22 and 24 LTS (from the npm `node` package), as users
// run those; Node 20 runs it through `pnpm test`. Build first (`pnpm test` does).
import { execFileSync, spawnSync } from "node:child_process";

const versions = (process.env.TSC_COG_TEST_NODES ?? "22,24").split(",").filter(Boolean);
let failed = 0;
for (const version of versions) {
  const execPath = execFileSync("npx", ["-y", "-p", `node@${version}`, "node", "-e", "process.stdout.write(process.execPath)"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  console.log(`\n# tests on Node ${version} (${execPath})`);
  const result = spawnSync(execPath, ["scripts/test.mjs", ...process.argv.slice(2)], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
