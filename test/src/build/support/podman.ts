// Podman for the image test, as it works on these machines (DESIGN §11): runc instead of crun, explicit
// ulimits in a containers.conf, and a base image imported from the running `node` and the libraries it
// and swc's native module link (nothing can be pulled here).
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "../../support/cli.js";
import { tempDir } from "../../support/temp.js";

/** True when `podman` runs here. */
export function podmanInstalled(): boolean {
  const result = spawnSync("podman", ["--version"], { stdio: "ignore" });
  return result.error === undefined && result.status === 0;
}

/** The environment podman needs here: `CONTAINERS_CONF` pointing at a containers.conf with runc and explicit ulimits. */
export function podmanEnv(): Record<string, string> {
  const dir = tempDir("tsc-cog-podman-");
  const hardNoFile = execFileSync("sh", ["-c", "ulimit -Hn"], { encoding: "utf8" }).trim();
  const pidMax = readFileSync("/proc/sys/kernel/pid_max", "utf8").trim();
  const conf = join(dir, "containers.conf");
  writeFileSync(
    conf,
    `[engine]\nruntime = "runc"\n[containers]\ndefault_ulimits = ["nofile=${hardNoFile}:${hardNoFile}", "nproc=${pidMax}:${pidMax}"]\n`,
  );
  return { CONTAINERS_CONF: conf };
}

/** Runs podman to the end and returns its stdout (with `both`, stdout then stderr: `podman logs` splits a container's streams); throws with its output when it fails. */
export function podman(args: readonly string[], env: Record<string, string>, options: { input?: Buffer; both?: boolean } = {}): string {
  const result = spawnSync("podman", args, {
    env: { ...process.env, ...env },
    input: options.input,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`podman ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return options.both ? `${result.stdout}${result.stderr}` : result.stdout.toString();
}

/**
 * A base image holding only this machine's `node` (at /usr/local/bin/node), the shared libraries it
 * and swc's native module need, and a world-writable /tmp: what `tsc-cog build` asks of a base image.
 * Imported once per Node version (`podman import`, about a second).
 */
export function importBaseImage(env: Record<string, string>): string {
  const name = `localhost/tsc-cog-test-base:node-${process.versions.node}`;
  if (spawnSync("podman", ["image", "exists", name], { env: { ...process.env, ...env } }).status === 0) return name;
  const root = tempDir("tsc-cog-rootfs-");
  const node = join(root, "usr", "local", "bin", "node");
  mkdirSync(dirname(node), { recursive: true });
  copyFileSync(process.execPath, node);
  chmodSync(node, 0o755);
  const swc = execFileSync("sh", ["-c", `find ${REPO_ROOT}node_modules/.pnpm -name 'swc.*.node' | head -1`], { encoding: "utf8" }).trim();
  const libraries = new Set<string>();
  for (const binary of [process.execPath, swc].filter(Boolean)) {
    for (const match of execFileSync("ldd", [binary], { encoding: "utf8" }).matchAll(/(\/\S+\.so[.\d]*)/g)) libraries.add(match[1]);
  }
  for (const library of libraries) {
    mkdirSync(join(root, dirname(library)), { recursive: true });
    copyFileSync(library, join(root, library));
  }
  mkdirSync(join(root, "tmp"));
  chmodSync(join(root, "tmp"), 0o1777);
  const tar = execFileSync("tar", ["-C", root, "-c", "."], { maxBuffer: 512 * 1024 * 1024 });
  podman(["import", "-", name], env, { input: tar });
  return name;
}
