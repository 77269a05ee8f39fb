import { basename } from "node:path";
import { readCogConfig } from "@tsc-cog/runtime";
import type { CommandIO } from "../../io.js";
import type { KubernetesOptions } from "../options.js";
import { resolveKubernetesSettings } from "./kubernetes-settings.js";
import { kubernetesManifests } from "./manifests.js";
import { createSecretCommand, renderManifests } from "./render.js";

/**
 * `tsc-cog kubernetes`: prints a Deployment, a Service and (with --max-replicas) an autoscaler for an
 * image of the project in the current folder, as YAML for `kubectl apply -f -`. The deployment secrets
 * cog.yaml declares are mounted from one Secret that the user creates: no value is ever read or printed.
 */
export async function kubernetes(options: KubernetesOptions, io: CommandIO): Promise<void> {
  // The image runs the predictor, so cog.yaml is read only for its secrets' names; without one there are none.
  const config = readCogConfig(io.cwd);
  const settings = resolveKubernetesSettings(options, basename(io.cwd), config?.secrets ?? []);
  io.stdout.write(renderManifests(settings, kubernetesManifests(settings)));
  // Also on stderr: piped into kubectl, the comment at the top of stdout is never seen.
  const create = createSecretCommand(settings);
  if (create !== undefined) io.info(`tsc-cog kubernetes: before the pods can start, create the Secret (a file per value):\n  ${create}`);
}
