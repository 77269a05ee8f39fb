import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve, sep } from "node:path";
import { locateProject, secretStoreDir, UsageError } from "@tsc-cog/runtime";
import { generateOpenApiSchema } from "@tsc-cog/sdk/engine";
import { parseDocument } from "yaml";
import { CommandFailedError } from "../../errors.js";
import type { CommandIO } from "../../io.js";
import { cliPackage } from "../../package-dir.js";
import { cliVersion } from "../../version.js";
import type { BuildOptions } from "../options.js";
import { loadSpec } from "../schema/schema.js";
import { buildCommands, findContainerEngine } from "./container-engine.js";
import { renderDockerfile } from "./dockerfile.js";
import { installClosure, type PackageRoot } from "./package-closure.js";
import { copyProjectFiles } from "./project-files.js";
import { findSecretsInFiles, knownSecrets } from "./secret-scan.js";

/** An official Node LTS image, slim: what the image runs on unless `--base-image` says otherwise. */
export const DEFAULT_BASE_IMAGE = "node:22-bookworm-slim";
/** The server's port inside the image (Cog's), and its non-root user. */
const PORT = 8393;
const USER = "10001:10001";

/**
 * `tsc-cog build`: a self-contained build context — the project's files (never its secrets), its
 * production dependencies and tsc-cog itself installed (the image build needs no network), cog.yaml,
 * and a generated Dockerfile — built into an image with podman or docker when one works here;
 * otherwise (or with `--context-only DIR`) the context is written and the command to build it printed.
 * Before anything is built, every file of the project copied into the context is checked for every
 * secret value this machine knows (deployment secrets, `TSC_COG_SECRET_*`, the local store): one found
 * stops the build, naming the file and the secret, never the value.
 */
export async function build(options: BuildOptions, io: CommandIO): Promise<void> {
  const location = locateProject(io.cwd, options.predictor);
  const project = location.dir;
  const tag = imageTag(options.tag ?? `tsc-cog-${dnsName(basename(project))}`);
  const baseImage = imageName(options.baseImage ?? DEFAULT_BASE_IMAGE, "--base-image");
  const engine = options.contextOnly === undefined ? findContainerEngine(io.env) : undefined;
  const context =
    options.contextOnly !== undefined
      ? emptyFolder(resolve(io.cwd, options.contextOnly))
      : engine
        ? mkdtempSync(join(tmpdir(), "tsc-cog-build-"))
        : replaceFolder(join(project, ".tsc-cog", "context"));
  const temporary = options.contextOnly === undefined && engine !== undefined;
  try {
    const { spec } = await loadSpec(location, io);
    io.info(`tsc-cog build: writing the build context for ${location.ref} to ${context}`);
    const app = join(context, "app");
    const copied = copyProjectFiles(project, app, { sensitive: [secretStoreDir(io.env)], skip: [context] });
    const sensitive = copied.excluded.filter((item) => item.sensitive).map((item) => item.path);
    if (sensitive.length > 0)
      io.warn(
        `not copied into the image: ${sensitive.join(", ")} (may hold secrets). Deployment secrets reach the container at run time: mount them at /secrets or set TSC_COG_SECRET_<name>`,
      );
    const cogYaml = contextCogYaml(project, location.ref, options.predictor !== undefined, location.config?.file);
    writeFileSync(join(app, "cog.yaml"), cogYaml);
    const labels = imageLabels(project, JSON.stringify(generateOpenApiSchema(spec, { version: cliVersion() })), cogYaml);
    const dockerfile = renderDockerfile({ baseImage, labels, port: PORT, user: USER, startPeriodSeconds: 300 });
    writeFileSync(join(context, "Dockerfile"), dockerfile);
    const leaks = findSecretsInFiles(
      context,
      ["Dockerfile", ...copied.files.map((file) => `app/${file}`), "app/cog.yaml"],
      knownSecrets(location.config?.secrets ?? [], io.env),
    );
    if (leaks.length > 0) {
      const lines = leaks.map(
        (leak) => `${relative(context, join(context, leak.file)).replace(/^app\//, "")} holds the secret "${leak.secret}"`,
      );
      throw new UsageError(
        `the image would contain a secret, so nothing was built:\n- ${lines.join("\n- ")}\nRemove it from the project (and rotate it if it was ever committed or shared); deployment secrets reach the container at run time`,
      );
    }
    installClosure([...projectDependencies(project), { name: "@tsc-cog/cli", dir: cliPackage().dir }], join(app, "node_modules"));
    if (!engine) {
      const why = options.contextOnly !== undefined ? "" : " (no podman or docker that can build here)";
      io.info(`the build context is ready${why}; build the image with one of:`);
      for (const command of buildCommands(tag, shellWord(context))) io.stdout.write(`${command}\n`);
      return;
    }
    io.info(`tsc-cog build: ${engine.name} ${engine.buildArgs(tag, context).join(" ")}`);
    const code = await run(engine.name, engine.buildArgs(tag, context), io);
    if (code !== 0) throw new CommandFailedError(`${engine.name} build failed (exit code ${code}); its output is above`);
    io.info(`built ${tag}: run it with  ${engine.name} run --rm -p 8393:8393 -v <folder of secret files>:/secrets:ro ${tag}`);
    io.stdout.write(`${tag}\n`);
  } catch (error) {
    // Nothing half-written is left behind.
    rmSync(context, { recursive: true, force: true });
    throw error;
  } finally {
    if (temporary) rmSync(context, { recursive: true, force: true });
  }
}

/** The project's production dependencies, to install from its node_modules (`@tsc-cog/*` may be missing: tsc-cog brings its own). */
function projectDependencies(project: string): PackageRoot[] {
  const file = join(project, "package.json");
  if (!existsSync(file)) return [];
  let manifest: { dependencies?: Record<string, string> };
  try {
    manifest = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return Object.keys(manifest.dependencies ?? {}).map((name) => ({ name, from: project, optional: name.startsWith("@tsc-cog/") }));
}

/**
 * The image's cog.yaml: the project's, with `predict:` pointing at the predictor given on the command
 * line when one was (relative to the project), so that `tsc-cog serve` in the image finds it.
 */
function contextCogYaml(project: string, ref: string, given: boolean, file: string | undefined): string {
  const document = parseDocument(file ? readFileSync(file, "utf8") : "");
  if (given || !file) {
    const [path, exportName] = splitRef(ref);
    const inProject = relative(project, path);
    if (inProject.startsWith("..") || resolve(project, inProject) !== path)
      throw new UsageError(`the predictor ${path} is outside the project folder ${project}; the image holds only the project`);
    document.set("predict", `${inProject.split(sep).join("/")}${exportName ? `:${exportName}` : ""}`);
  }
  return document.toString();
}

function splitRef(ref: string): [string, string | undefined] {
  const colon = ref.lastIndexOf(":");
  return colon > 0 && !ref.slice(colon).includes("/") ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref, undefined];
}

/** Labels as Cog sets them (`run.cog.*`) and the OCI ones. */
function imageLabels(project: string, openapi: string, cogYaml: string): Record<string, string> {
  const manifest = readManifest(project);
  const labels: Record<string, string> = {
    "org.opencontainers.image.title": manifest.name ?? basename(project),
    "org.opencontainers.image.vendor": "tsc-cog",
    "run.cog.openapi_schema": openapi,
    "run.cog.config": JSON.stringify(parseDocument(cogYaml).toJSON() ?? {}),
    "run.tsc-cog.version": cliVersion(),
  };
  if (manifest.version) labels["org.opencontainers.image.version"] = manifest.version;
  if (manifest.description) labels["org.opencontainers.image.description"] = manifest.description;
  return labels;
}

function readManifest(project: string): { name?: string; version?: string; description?: string } {
  try {
    return JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
  } catch {
    return {};
  }
}

/** A folder name as a lowercase image name (letters, digits, `-`). */
function dnsName(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "predictor"
  );
}

/** `-t`: a repository name (lowercase path components) with an optional `:tag`. */
function imageTag(tag: string): string {
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/.test(tag))
    throw new UsageError(
      `-t ${JSON.stringify(tag)} is not a valid image name: use lowercase letters, digits and ".", "_", "-" between them, "/" between parts, and an optional ":tag" (e.g. my-model:1.0)`,
    );
  return tag;
}

/** `--base-image`: any image reference without spaces. */
function imageName(name: string, flag: string): string {
  if (name === "" || /\s/.test(name))
    throw new UsageError(`${flag} must be an image name such as ${DEFAULT_BASE_IMAGE}, got ${JSON.stringify(name)}`);
  return name;
}

/** `--context-only DIR`: created, or empty; never overwritten. */
function emptyFolder(dir: string): string {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new UsageError(`--context-only ${dir} is not empty; nothing was written (give a new or empty folder)`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** tsc-cog's own folder in the project (`.tsc-cog/context`), replaced. */
function replaceFolder(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A path as one shell word. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

/** Runs the engine with its output on our stderr (stdout is for the result); resolves with its exit code. */
function run(command: string, args: readonly string[], io: CommandIO): Promise<number> {
  return new Promise((resolveCode, reject) => {
    const child = spawn(command, args, { env: io.env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(io.stderr, { end: false });
    child.stderr.pipe(io.stderr, { end: false });
    child.once("error", reject);
    child.once("close", (code, signal) => resolveCode(code ?? (signal ? 128 : 1)));
  });
}
