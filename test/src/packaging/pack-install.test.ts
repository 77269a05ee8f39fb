// The packages as a user gets them: each packed as it is published (pnpm pack turns workspace:* into
// versions), the four tarballs installed with npm into an empty folder — their third-party
// dependencies from the registry — on the running Node, so CI's runs on Node 20, 22 and 24 each check
// the engines. Then a lone predictor there runs through the installed `tsc-cog` (predict, schema,
// serve) and type-checks with the SDK's preset and no @types/node.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { delimiter, dirname, join, relative } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { predict } from "../server/support/http.js";
import { waitForHealth } from "../server/support/serve-process.js";
import { cleanEnv, REPO_ROOT, runProgram } from "../support/cli.js";
import { makeProject } from "../support/project.js";
import { tempDir, writeFiles } from "../support/temp.js";

const PACKAGES = ["sdk", "runtime", "server", "cli"];
const PNPM = ["-y", "pnpm@10.34.9"];
/** npm fetches the packages' dependencies from the registry: generous, as a slow network needs. */
const INSTALL_TIMEOUT_MS = 240_000;

const PREDICTOR = `import { BasePredictor, Input, Output } from "@tsc-cog/sdk";

export class Predictor extends BasePredictor {
  @Output(String)
  async predict(@Input({ description: "Who to greet" }) name: string): Promise<string> {
    return \`hello \${name}\`;
  }
}
`;

/** Records every module URL a process (and its workers, which inherit NODE_OPTIONS) resolves. */
const TRACE_HOOKS = `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.MODULE_TRACE, result.url + "\\n");
  return result;
}
`;
const TRACE_REGISTER = `import { register } from "node:module";
register(new URL("./trace-hooks.mjs", import.meta.url));
`;

/** npm's own entry point, to run it on this Node (which is the Node it checks `engines` against). */
function npmCli(): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const bin = join(dir, "npm");
    if (existsSync(bin)) return join(dirname(realpathSync(bin)), "npm-cli.js");
  }
  throw new Error("npm is not on PATH");
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((path) => statSync(join(dir, path)).isFile());
}

describe("the packed packages, installed with npm", () => {
  let project: string;
  let install: { readonly code: number | null; readonly output: string };
  /** This Node first on PATH, so the installed `tsc-cog` shim (#!/usr/bin/env node) runs on it. */
  let env: Record<string, string>;
  const servers = new Set<ReturnType<typeof spawn>>();

  before(
    async () => {
      const tarballs = tempDir("tsc-cog-tarballs-");
      for (const name of PACKAGES) {
        // The build already ran: skip prepack's `tsc -b`.
        const pack = await runProgram("npx", [...PNPM, "pack", "--pack-destination", tarballs], {
          cwd: join(REPO_ROOT, "packages", name),
          env: { npm_config_ignore_scripts: "true" },
        });
        assert.equal(pack.code, 0, `pnpm pack in packages/${name}:\n${pack.stdout}${pack.stderr}`);
      }
      project = makeProject(
        {
          "package.json": JSON.stringify({ name: "pack-install", version: "1.0.0", private: true, type: "module" }),
          "predict.ts": PREDICTOR,
          "cog.yaml": 'predict: "predict.ts:Predictor"\n',
          "tsconfig.json": JSON.stringify({ extends: "@tsc-cog/sdk/tsconfig.json", include: ["**/*.ts"] }),
        },
        "tsc-cog-pack-install-",
      );
      const files = readdirSync(tarballs).map((file) => join(tarballs, file));
      assert.equal(files.length, PACKAGES.length, files.join("\n"));
      const run = await runProgram(process.execPath, [npmCli(), "install", "--no-audit", "--no-fund", ...files], {
        cwd: project,
        timeoutMs: INSTALL_TIMEOUT_MS,
      });
      install = { code: run.code, output: `${run.stdout}${run.stderr}` };
      env = { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`, NO_COLOR: "1" };
    },
    { timeout: INSTALL_TIMEOUT_MS + 60_000 },
  );

  after(() => {
    for (const server of servers) server.kill("SIGKILL");
  });

  it("installs on this Node with no engine warning (EBADENGINE)", () => {
    assert.equal(install.code, 0, install.output);
    assert.doesNotMatch(install.output, /EBADENGINE|Unsupported engine/, install.output);
  });

  it("ships only what runs: no source maps, build info, tests or yargs types; a LICENSE and a README each", () => {
    for (const name of PACKAGES) {
      const dir = join(project, "node_modules", "@tsc-cog", name);
      const files = filesUnder(dir);
      for (const file of ["LICENSE", "README.md", "package.json"]) assert.ok(files.includes(file), `${name}: no ${file}`);
      const unwanted = files.filter((file) => /\.map$|\.tsbuildinfo$|\.test\.|test-support|(^|\/)src\//.test(file));
      assert.deepEqual(unwanted, [], `${name} ships ${unwanted.join(", ")}`);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      const types = Object.keys(manifest.dependencies ?? {}).filter((dependency) => dependency.startsWith("@types/"));
      assert.deepEqual(types, [], `${name} depends on ${types.join(", ")} at run time`);
    }
    // The CLI's entry point exports nothing: its internal declarations (which use yargs' types, a dev
    // dependency) stay out. (npm ships any file named README*, so templates/readme.d.ts comes along.)
    const cli = join(project, "node_modules", "@tsc-cog", "cli");
    const cliTypes = filesUnder(cli).filter((file) => file.endsWith(".d.ts"));
    assert.ok(cliTypes.includes(join("dist", "index.d.ts")), cliTypes.join(", "));
    for (const file of cliTypes) assert.doesNotMatch(readFileSync(join(cli, file), "utf8"), /from "yargs"/, file);
  });

  it("predicts with the installed tsc-cog from its bundle, never loading the server (fastify) on the way", async () => {
    const trace = join(tempDir("tsc-cog-module-trace-"), "modules");
    writeFiles(project, { "trace-hooks.mjs": TRACE_HOOKS, "trace.mjs": TRACE_REGISTER });
    const run = await runProgram(join(project, "node_modules", ".bin", "tsc-cog"), ["predict", "-i", "name=world"], {
      cwd: project,
      env: { ...env, MODULE_TRACE: trace, NODE_OPTIONS: `--import=${pathToFileURL(join(project, "trace.mjs")).href}` },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "hello world\n");
    const modules = readFileSync(trace, "utf8").split("\n").filter(Boolean);
    assert.ok(
      modules.some((url) => url.includes("/node_modules/@tsc-cog/sdk/")),
      "the trace recorded the installed SDK",
    );
    const serverOnly = modules.filter((url) => /\/node_modules\/(fastify|@fastify|@tsc-cog\/server)\//.test(url));
    assert.deepEqual(serverOnly, []);
    // The CLI ran from its one-file bundle (scripts/bundle.mjs): yargs and yaml are inside it, not
    // loaded file by file; the licences of what it inlines ship beside it.
    assert.ok(
      modules.some((url) => url.endsWith("/node_modules/@tsc-cog/cli/dist/bundle/main.js")),
      "the trace recorded the CLI's bundle",
    );
    const inlined = modules.filter((url) => /\/node_modules\/(yargs|yargs-parser|yaml|chalk)\//.test(url));
    assert.deepEqual(inlined, []);
    const licences = readFileSync(join(project, "node_modules", "@tsc-cog", "cli", "dist", "bundle", "THIRD_PARTY_LICENSES.txt"), "utf8");
    for (const name of ["yargs@", "yaml@", "chalk@"]) assert.ok(licences.includes(name), `THIRD_PARTY_LICENSES.txt names ${name}`);
  });

  it("prints the schema with the installed tsc-cog", async () => {
    const run = await runProgram(join(project, "node_modules", ".bin", "tsc-cog"), ["schema"], { cwd: project, env });
    assert.equal(run.code, 0, run.stderr);
    const schema = JSON.parse(run.stdout);
    assert.equal(schema.components.schemas.Input.properties.name.type, "string");
  });

  it("serves with the installed tsc-cog: READY, then one prediction", async () => {
    const server = spawn(join(project, "node_modules", ".bin", "tsc-cog"), ["serve", "--host", "127.0.0.1", "--port", "0"], {
      cwd: project,
      env: cleanEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    servers.add(server);
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tsc-cog serve did not start:\n${output}`)), 30_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString("utf8");
        const match = output.match(/http:\/\/127\.0\.0\.1:\d+/);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      };
      server.stdout.on("data", read);
      server.stderr.on("data", read);
      server.once("exit", () => reject(new Error(`tsc-cog serve exited:\n${output}`)));
    });
    await waitForHealth(url, "READY");
    const reply = await predict(url, { input: { name: "server" } });
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json.output, "hello server");
    assert.equal(reply.json.status, "succeeded");
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
    servers.delete(server);
  });

  it("type-checks a predictor against the installed SDK with its preset: no @types/node, no skipLibCheck", async () => {
    assert.equal(existsSync(join(project, "node_modules", "@types", "node")), false, "@types/node was installed");
    const tsc = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
    const run = await runProgram(process.execPath, [tsc, "--noEmit", "-p", "tsconfig.json"], { cwd: project });
    assert.equal(run.code, 0, `${run.stdout}${run.stderr}`);
    assert.equal(
      relative(project, realpathSync(join(project, "node_modules", "@tsc-cog", "sdk"))),
      join("node_modules", "@tsc-cog", "sdk"),
      "the SDK checked is the installed copy",
    );
  });
});
