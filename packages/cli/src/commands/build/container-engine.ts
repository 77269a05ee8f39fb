import { spawnSync } from "node:child_process";

/** A container engine that can build images here. */
export interface ContainerEngine {
  readonly name: "podman" | "docker";
  /** The build command's arguments after the engine's name. */
  buildArgs(tag: string, context: string): string[];
}

const podman: ContainerEngine = {
  name: "podman",
  // Docker's image format keeps HEALTHCHECK (podman drops it from OCI images).
  buildArgs: (tag, context) => ["build", "--format", "docker", "-t", tag, context],
};
const docker: ContainerEngine = { name: "docker", buildArgs: (tag, context) => ["build", "-t", tag, context] };

/**
 * The engine to build with: `$TSC_COG_CONTAINER_ENGINE` (`podman`, `docker`, or `none`), else podman
 * when it answers, else docker when its daemon answers (a docker client without an engine does not
 * count), else `undefined`.
 */
export function findContainerEngine(env: NodeJS.ProcessEnv): ContainerEngine | undefined {
  const chosen = env.TSC_COG_CONTAINER_ENGINE;
  if (chosen === "none") return undefined;
  if (chosen === "podman") return podman;
  if (chosen === "docker") return docker;
  if (answers("podman", ["--version"], env)) return podman;
  if (answers("docker", ["info", "--format", "{{.ServerVersion}}"], env)) return docker;
  return undefined;
}

function answers(command: string, args: readonly string[], env: NodeJS.ProcessEnv): boolean {
  const result = spawnSync(command, args, { stdio: "ignore", env, timeout: 10_000 });
  return result.error === undefined && result.status === 0;
}

/** The command a user runs to build the context by hand, for either engine. */
export function buildCommands(tag: string, context: string): string[] {
  return [`podman ${podman.buildArgs(tag, context).join(" ")}`, `docker ${docker.buildArgs(tag, context).join(" ")}`];
}
