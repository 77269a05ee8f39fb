import { DEFAULT_PORT } from "../serve/serve-settings.js";
import type { KubernetesSettings } from "./kubernetes-settings.js";
import { healthProbeCommand, PASSING_STATUSES } from "./probes.js";

/** A Kubernetes object as `kubectl apply` reads it. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels: Readonly<Record<string, string>> };
  readonly [field: string]: unknown;
}

/** The port the image's `tsc-cog serve` listens on ($PORT, set to it in the pod too). */
export const CONTAINER_PORT = DEFAULT_PORT;
/** Where the image's `tsc-cog serve` reads deployment secrets (its default --secrets-dir). */
export const SECRETS_DIR = "/secrets";
/** The non-root user the image runs as. */
export const IMAGE_USER = 10001;
/** Seconds between SIGTERM's deadline and the longest prediction: the drain's slack. */
export const DRAIN_MARGIN_SECONDS = 30;
/** Seconds the startup probe allows beyond --setup-timeout: Node starting, the predictor compiled and loaded. */
export const STARTUP_MARGIN_SECONDS = 60;
/** Seconds a terminating pod keeps serving before SIGTERM, while the Service stops sending it requests. */
const PRE_STOP_SECONDS = 5;

/** The Secret holding one key per deployment secret, mounted at {@link SECRETS_DIR}. */
export const secretName = (settings: KubernetesSettings) => `${settings.name}-secrets`;

/** The Deployment, the Service in front of it and, with --max-replicas, a HorizontalPodAutoscaler. */
export function kubernetesManifests(settings: KubernetesSettings): Manifest[] {
  const manifests = [deployment(settings), service(settings)];
  if (settings.maxReplicas !== undefined) manifests.push(autoscaler(settings, settings.maxReplicas));
  return manifests;
}

const labels = (settings: KubernetesSettings) => ({ "app.kubernetes.io/name": settings.name, "app.kubernetes.io/component": "predictor" });
const metadata = (settings: KubernetesSettings) => ({ name: settings.name, labels: labels(settings) });

function deployment(settings: KubernetesSettings): Manifest {
  const hasSecrets = settings.secrets.length > 0;
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: metadata(settings),
    spec: {
      // The autoscaler owns the count when there is one: a replicas field here would reset it on each apply.
      ...(settings.maxReplicas === undefined ? { replicas: settings.replicas } : {}),
      selector: { matchLabels: { "app.kubernetes.io/name": settings.name } },
      // setup() may take minutes: a new pod must be ready before an old one goes.
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labels(settings) },
        spec: {
          terminationGracePeriodSeconds: settings.predictionTimeout + DRAIN_MARGIN_SECONDS,
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: IMAGE_USER,
            runAsGroup: IMAGE_USER,
            // Secret files are group-owned by this group, so the image's user can read them (mode 0440).
            fsGroup: IMAGE_USER,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containers: [container(settings)],
          ...(hasSecrets ? { volumes: [{ name: "secrets", secret: { secretName: secretName(settings), defaultMode: 0o440 } }] } : {}),
        },
      },
    },
  };
}

function container(settings: KubernetesSettings) {
  const probe = (passing: (typeof PASSING_STATUSES)[keyof typeof PASSING_STATUSES], timeoutSeconds: number) => ({
    exec: { command: healthProbeCommand(CONTAINER_PORT, passing, (timeoutSeconds - 1) * 1000) },
    timeoutSeconds,
  });
  const startupPeriod = 5;
  return {
    name: "predictor",
    image: settings.image,
    args: ["serve", "--host", "0.0.0.0", "--concurrency", String(settings.concurrency), "--setup-timeout", String(settings.setupTimeout)],
    ports: [{ name: "http", containerPort: CONTAINER_PORT, protocol: "TCP" }],
    env: [{ name: "PORT", value: String(CONTAINER_PORT) }],
    // Until setup() is over (a failed setup passes too: the liveness probe then restarts the pod).
    startupProbe: {
      ...probe(PASSING_STATUSES.startup, 5),
      periodSeconds: startupPeriod,
      failureThreshold: Math.ceil((settings.setupTimeout + STARTUP_MARGIN_SECONDS) / startupPeriod),
    },
    readinessProbe: { ...probe(PASSING_STATUSES.readiness, 5), periodSeconds: 5, failureThreshold: 2 },
    // Generous: a busy pod answers BUSY, so only a dead, defunct or failed server is restarted.
    livenessProbe: { ...probe(PASSING_STATUSES.liveness, 10), periodSeconds: 10, failureThreshold: 6 },
    lifecycle: { preStop: { exec: { command: ["node", "-e", `setTimeout(()=>{},${PRE_STOP_SECONDS * 1000})`] } } },
    resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { memory: "4Gi" } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      // tsc-cog writes its compile cache and Path inputs' files; a read-only root would need a volume for each.
      readOnlyRootFilesystem: false,
    },
    ...(settings.secrets.length > 0 ? { volumeMounts: [{ name: "secrets", mountPath: SECRETS_DIR, readOnly: true }] } : {}),
  };
}

function service(settings: KubernetesSettings): Manifest {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: metadata(settings),
    spec: {
      type: "ClusterIP",
      selector: { "app.kubernetes.io/name": settings.name },
      ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
    },
  };
}

function autoscaler(settings: KubernetesSettings, maxReplicas: number): Manifest {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: metadata(settings),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: settings.name },
      minReplicas: settings.replicas,
      maxReplicas,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
    },
  };
}
