import { Document, isMap, isScalar } from "yaml";
import type { KubernetesSettings } from "./kubernetes-settings.js";
import { type Manifest, secretName } from "./manifests.js";

/**
 * The command that creates the deployment secrets' Secret, one `--from-file` per secret cog.yaml
 * declares; `undefined` when it declares none. Values come from files the user writes, never from the
 * command line (where shell history and `ps` would keep them), and never from tsc-cog.
 */
export function createSecretCommand(settings: KubernetesSettings): string | undefined {
  if (settings.secrets.length === 0) return undefined;
  const files = settings.secrets.map((name) => `--from-file=${name}=./${name}.txt`);
  return ["kubectl create secret generic", secretName(settings), ...files].join(" ");
}

/** What to do with the manifests, as comment lines (without "# "). */
function instructions(settings: KubernetesSettings): string[] {
  const create = createSecretCommand(settings);
  return [
    ` Kubernetes manifests for ${settings.image}, made by tsc-cog kubernetes.`,
    ...(create === undefined
      ? []
      : [
          ` First create the Secret with the deployment secrets cog.yaml declares (${settings.secrets.join(", ")}),`,
          " one file per secret holding its value:",
          `   ${create}`,
        ]),
    " Set the resources below to what setup() and one prediction need, then:",
    "   kubectl apply -f <this file>",
  ];
}

/**
 * The manifests as multi-document YAML for `kubectl apply -f -`: the instructions (and the Secret
 * command) as a comment at the top, comments where a value is the user's to set.
 */
export function renderManifests(settings: KubernetesSettings, manifests: readonly Manifest[]): string {
  const documents = manifests.map((manifest) => {
    // YAML 1.1 quoting: kubectl reads YAML 1.1, where a bare `on`, `yes` or `0123` is not a string.
    const document = new Document(manifest, { version: "1.1" });
    if (manifest.kind === "Deployment") {
      commentKey(document, ["spec", "template", "spec", "containers", 0], "resources", [
        " Placeholders: set them to what setup() and a prediction need; for a GPU add nvidia.com/gpu: 1 under limits.",
        " Each probe runs a short-lived node process in the container: leave it some memory.",
      ]);
      const volume = document.getIn(["spec", "template", "spec", "volumes", 0, "secret", "defaultMode"], true);
      if (isScalar(volume)) volume.comment = " 0440: read-only, for the image's user through fsGroup";
    }
    return `---\n${document.toString({ lineWidth: 0 })}`;
  });
  return `${instructions(settings)
    .map((line) => `#${line}\n`)
    .join("")}${documents.join("")}`;
}

/** Puts `lines` as a comment above `key` of the map at `path`. */
function commentKey(document: Document, path: readonly (string | number)[], key: string, lines: readonly string[]): void {
  const map = document.getIn(path, true);
  if (!isMap(map)) return;
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  if (pair && isScalar(pair.key)) pair.key.commentBefore = lines.join("\n");
}
