// A predictor folder type-checks with nothing but the SDK and its tsconfig preset: no @types/node, no
// skipLibCheck. The SDK is linked from this workspace as `npm install` would place it (its own
// dependencies resolve from its real folder), and checked with the workspace's TypeScript.
import assert from "node:assert/strict";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { REPO_ROOT, runProgram } from "../support/cli.js";
import { makeProject } from "../support/project.js";

const TSC = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");

/** A predictor that uses every kind of value the SDK's author entry point declares. */
const PREDICTOR = `import { BasePredictor, currentScope, Input, Int, Output, Path, Secret, SECRET_MASK } from "@tsc-cog/sdk";

export class Predictor extends BasePredictor {
  @Output(String)
  async predict(
    @Input({ description: "Text to sign" }) text: string,
    @Input({ type: Int, ge: 1, default: 1 }) times: number,
    @Input({ description: "Signing key" }) key: Secret,
    @Input({ description: "An optional file", default: null }) file: Path | null,
  ): Promise<string> {
    const scope = currentScope();
    if (scope.signal.aborted) throw new Error("canceled");
    scope.recordMetric("length", text.length);
    return \`\${text.repeat(times)} \${key.getSecretValue().length} \${String(key) === SECRET_MASK} \${file ?? "-"}\`;
  }
}
`;

/** Runs the workspace's tsc on `dir`'s tsconfig.json; returns its exit code and what it printed. */
async function typeCheck(dir: string): Promise<{ code: number | null; output: string }> {
  const run = await runProgram(process.execPath, [TSC, "--noEmit", "-p", join(dir, "tsconfig.json")], { cwd: dir });
  return { code: run.code, output: `${run.stdout}${run.stderr}` };
}

describe("type-checking a predictor with the SDK's tsconfig preset", () => {
  let project: string;

  before(() => {
    project = makeProject(
      {
        "predict.ts": PREDICTOR,
        "tsconfig.json": JSON.stringify({
          extends: "@tsc-cog/sdk/tsconfig.json",
          compilerOptions: { skipLibCheck: false },
          include: ["**/*.ts"],
        }),
      },
      "tsc-cog-predictor-types-",
    );
    mkdirSync(join(project, "node_modules", "@tsc-cog"), { recursive: true });
    symlinkSync(join(REPO_ROOT, "packages", "sdk"), join(project, "node_modules", "@tsc-cog", "sdk"), "dir");
  });

  it("passes tsc --noEmit with only the SDK installed: no @types/node, the SDK's declarations checked too", async () => {
    const run = await typeCheck(project);
    assert.equal(run.code, 0, run.output);
  });

  it("reports a predictor's type errors (the check is real), and Node's own types are not there", async () => {
    const broken = makeProject(
      {
        "predict.ts": `${PREDICTOR}\nexport const count: number = "one";\nexport const bytes = Buffer.from("x");\n`,
        "tsconfig.json": JSON.stringify({ extends: "@tsc-cog/sdk/tsconfig.json", include: ["**/*.ts"] }),
      },
      "tsc-cog-predictor-types-broken-",
    );
    mkdirSync(join(broken, "node_modules", "@tsc-cog"), { recursive: true });
    symlinkSync(join(REPO_ROOT, "packages", "sdk"), join(broken, "node_modules", "@tsc-cog", "sdk"), "dir");
    const run = await typeCheck(broken);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /predict\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
    assert.match(run.output, /Cannot find name 'Buffer'/);
    assert.doesNotMatch(run.output, /node_modules/, "only the predictor's own errors: none in the SDK's declarations");
  });
});
