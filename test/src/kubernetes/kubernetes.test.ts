// tsc-cog kubernetes: the manifests it prints are valid Kubernetes objects (checked strictly against
// kubernetes-models' schemas), wired to what the image does (port, /health-check, /secrets, SIGTERM),
// and never carry a secret's value.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { assertNoLeaks, CANARY } from "../support/canary.js";
import { assertNoStack, type CliResult, homeEnv, runCli } from "../support/cli.js";
import { makeProject } from "../support/project.js";
import { assertValidObject, unknownFields } from "./schema-check.js";

/** A value the local store holds for the second secret: the command must not read it either. */
const STORED = "tsc-cog-CANARY-stored-value-0123456789";
const SECRETS = ["hf_token", "openai.api-key"];
const PREDICTOR = `import { BasePredictor, Output } from "@tsc-cog/sdk";
export class Predictor extends BasePredictor {
  @Output(String)
  async predict(): Promise<string> {
    return this.secrets.get("hf_token").getSecretValue().length.toString();
  }
}
`;

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML, read field by field with assertions
type Json = any;

/** A project folder named "Sentiment Model" (so the default name is sanitised) declaring `secrets`. */
function project(secrets: readonly string[]): { dir: string; env: Record<string, string> } {
  const cogYaml = `predict: "predict.ts:Predictor"\n${secrets.length ? `secrets:\n${secrets.map((name) => `  ${name}: null\n`).join("")}` : ""}`;
  const root = makeProject({ "Sentiment Model/cog.yaml": cogYaml, "Sentiment Model/predict.ts": PREDICTOR });
  const dir = join(root, "Sentiment Model");
  const env = homeEnv(join(root, "home"), { TSC_COG_SECRET_hf_token: CANARY });
  const store = join(env.XDG_CONFIG_HOME, "tsc-cog", "secrets");
  mkdirSync(store, { recursive: true, mode: 0o700 });
  writeFileSync(join(store, "openai.api-key"), STORED, { mode: 0o600 });
  return { dir, env };
}

/** The YAML documents of stdout, each parsed; fails on any YAML error or warning. */
function documents(stdout: string): Json[] {
  const parsed = parseAllDocuments(stdout);
  assert.ok(Array.isArray(parsed), "stdout is empty");
  for (const document of parsed) assert.deepEqual([...document.errors, ...document.warnings], [], stdout);
  return parsed.map((document) => document.toJS());
}

const byKind = (docs: Json[], kind: string): Json => {
  const found = docs.filter((doc) => doc.kind === kind);
  assert.equal(found.length, 1, `one ${kind}`);
  return found[0];
};

describe("tsc-cog kubernetes for a project with two deployment secrets", { concurrency: true }, () => {
  let run: CliResult;
  let docs: Json[];
  let deployment: Json;
  let container: Json;
  const args = ["kubernetes", "--image", "registry.example/sentiment:1", "--replicas", "2", "--max-replicas", "5"];
  before(async () => {
    const { dir, env } = project(SECRETS);
    run = await runCli([...args, "--concurrency", "3", "--setup-timeout", "120", "--prediction-timeout", "900"], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    docs = documents(run.stdout);
    deployment = byKind(docs, "Deployment");
    container = deployment.spec.template.spec.containers[0];
  });

  test("prints a Deployment, a Service and an autoscaler, and nothing else (no Secret)", () => {
    assert.deepEqual(docs.map((doc) => doc.kind).sort(), ["Deployment", "HorizontalPodAutoscaler", "Service"]);
    assert.doesNotMatch(run.stdout, /^\s*(kind: Secret|data:|stringData:)/m);
    assertNoStack(run.stderr);
  });

  test("every object is valid for kubernetes-models and has no field its schema does not know", () => {
    for (const doc of docs) assertValidObject(doc);
  });

  test("names every object after the project folder, sanitised", () => {
    for (const doc of docs) {
      assert.equal(doc.metadata.name, "sentiment-model");
      assert.equal(doc.metadata.labels["app.kubernetes.io/name"], "sentiment-model");
    }
    assert.deepEqual(deployment.spec.selector.matchLabels, { "app.kubernetes.io/name": "sentiment-model" });
    assert.deepEqual(byKind(docs, "Service").spec.selector, { "app.kubernetes.io/name": "sentiment-model" });
  });

  test("runs tsc-cog serve on all interfaces with the worker processes and setup timeout asked for", () => {
    assert.equal(container.image, "registry.example/sentiment:1");
    assert.deepEqual(container.args, ["serve", "--host", "0.0.0.0", "--concurrency", "3", "--setup-timeout", "120"]);
    assert.deepEqual(container.ports, [{ name: "http", containerPort: 8393, protocol: "TCP" }]);
    assert.deepEqual(container.env, [{ name: "PORT", value: "8393" }]);
  });

  test("the Service sends port 80 to the container's named port", () => {
    const service = byKind(docs, "Service");
    assert.equal(service.spec.type, "ClusterIP");
    assert.deepEqual(service.spec.ports, [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]);
  });

  test("each probe runs node against /health-check on the container's port (no shell, no httpGet)", () => {
    for (const name of ["startupProbe", "readinessProbe", "livenessProbe"]) {
      const probe = container[name];
      assert.equal(probe.httpGet, undefined, name);
      const [node, flag, script] = probe.exec.command;
      assert.deepEqual([node, flag], ["node", "-e"], name);
      assert.ok(script.includes(`"http://127.0.0.1:${container.ports[0].containerPort}/health-check"`), `${name}: ${script}`);
    }
    assert.ok(container.readinessProbe.exec.command[2].includes('["READY","BUSY"]'));
    assert.ok(container.livenessProbe.exec.command[2].includes('["STARTING","READY","BUSY","UNHEALTHY"]'));
  });

  test("the startup probe waits longer than --setup-timeout; liveness tolerates a minute without an answer", () => {
    const { startupProbe, livenessProbe } = container;
    assert.ok(startupProbe.failureThreshold * startupProbe.periodSeconds >= 120 + 30, JSON.stringify(startupProbe));
    assert.ok(livenessProbe.failureThreshold * livenessProbe.periodSeconds >= 60, JSON.stringify(livenessProbe));
  });

  test("SIGTERM's grace period is longer than the longest prediction", () => {
    assert.ok(deployment.spec.template.spec.terminationGracePeriodSeconds > 900);
  });

  test("runs as the image's non-root user without privilege escalation", () => {
    const pod = deployment.spec.template.spec.securityContext;
    assert.equal(pod.runAsNonRoot, true);
    assert.equal(pod.runAsUser, 10001);
    assert.equal(container.securityContext.allowPrivilegeEscalation, false);
    assert.deepEqual(container.securityContext.capabilities.drop, ["ALL"]);
  });

  test("mounts one Secret, read only, at /secrets", () => {
    const volumes = deployment.spec.template.spec.volumes;
    assert.deepEqual(volumes, [{ name: "secrets", secret: { secretName: "sentiment-model-secrets", defaultMode: 0o440 } }]);
    assert.deepEqual(container.volumeMounts, [{ name: "secrets", mountPath: "/secrets", readOnly: true }]);
  });

  test("shows the kubectl command that creates the Secret, one file per declared secret, on stdout and stderr", () => {
    const command =
      "kubectl create secret generic sentiment-model-secrets --from-file=hf_token=./hf_token.txt --from-file=openai.api-key=./openai.api-key.txt";
    assert.ok(run.stdout.split("\n").includes(`#   ${command}`), run.stdout);
    assert.ok(run.stderr.includes(command), run.stderr);
  });

  test("says the resources are placeholders", () => assert.match(run.stdout, /# Placeholders: .*\n(\s+#.*\n)*\s+resources:/));

  test("scales from --replicas to --max-replicas on CPU, and leaves the count to the autoscaler", () => {
    const autoscaler = byKind(docs, "HorizontalPodAutoscaler");
    assert.deepEqual(autoscaler.spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "sentiment-model" });
    assert.equal(autoscaler.spec.minReplicas, 2);
    assert.equal(autoscaler.spec.maxReplicas, 5);
    assert.equal(autoscaler.spec.metrics[0].resource.target.averageUtilization, 70);
    assert.equal(deployment.spec.replicas, undefined);
  });

  test("no secret value appears anywhere, from the environment or the local store", () =>
    assertNoLeaks({ stdout: run.stdout, stderr: run.stderr }, [CANARY, STORED]));
});

describe("tsc-cog kubernetes without deployment secrets", () => {
  test("mounts no volume, shows no Secret command and sets the replica count", async () => {
    const { dir, env } = project([]);
    const run = await runCli(["kubernetes", "--image", "demo:1", "--name", "demo", "--replicas", "3"], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    const docs = documents(run.stdout);
    assert.deepEqual(
      docs.map((doc) => doc.kind),
      ["Deployment", "Service"],
    );
    for (const doc of docs) assertValidObject(doc);
    const deployment = byKind(docs, "Deployment");
    assert.equal(deployment.metadata.name, "demo");
    assert.equal(deployment.spec.replicas, 3);
    assert.equal(deployment.spec.template.spec.volumes, undefined);
    assert.equal(deployment.spec.template.spec.containers[0].volumeMounts, undefined);
    assert.doesNotMatch(run.stdout + run.stderr, /kubectl create secret/);
  });
});

describe("the strict schema check", () => {
  test("finds fields a schema does not know, which kubernetes-models' validate() lets through", () => {
    const wrong = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "demo", labels: { any: "label" } },
      spec: {
        replica: 2,
        selector: { matchLabels: { app: "demo" } },
        template: {
          metadata: { labels: { app: "demo" } },
          spec: { containers: [{ name: "demo", image: "demo:1", readinessProbe: { exec: { commands: ["true"] } } }] },
        },
      },
    };
    assert.deepEqual(unknownFields(wrong), ["/spec/replica", "/spec/template/spec/containers/0/readinessProbe/exec/commands"]);
    assert.throws(() => assertValidObject(wrong), /fields its schema does not know: \/spec\/replica, /);
  });
  test("finds none in a correct object", () =>
    assert.deepEqual(
      unknownFields({ apiVersion: "v1", kind: "Service", metadata: { name: "demo" }, spec: { ports: [{ port: 80 }] } }),
      [],
    ));
});

describe("tsc-cog kubernetes usage errors", { concurrency: true }, () => {
  const cases: [string, string[], RegExp][] = [
    [
      "a --name that is not a Kubernetes name, with the rule and a suggestion",
      ["--image", "demo:1", "--name", "Sentiment_Model"],
      /^error: --name "Sentiment_Model" is not a valid Kubernetes name \(at most 63 characters: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit\); try --name sentiment-model$/m,
    ],
    [
      "fewer --max-replicas than --replicas",
      ["--image", "demo:1", "--replicas", "3", "--max-replicas", "2"],
      /^error: --max-replicas \(2\) must be at least --replicas \(3\)/m,
    ],
    [
      "a --concurrency that is not a number",
      ["--image", "demo:1", "--concurrency", "many"],
      /^error: --concurrency must be a whole number of at least 1/m,
    ],
    ["an --image with a space", ["--image", "my image"], /^error: --image "my image" is not an image name/m],
    ["a second --image", ["--image", "demo:1", "--image", "other:1"], /^error: --image was given 2 times; give it once$/m],
    ["no --image", [], /^error: Missing required argument: image$/m],
  ];
  for (const [what, args, message] of cases)
    test(`refuses ${what} (exit 2, nothing on stdout)`, async () => {
      const { dir, env } = project(SECRETS);
      const run = await runCli(["kubernetes", ...args], { cwd: dir, env });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, "");
      assertNoStack(run.stderr);
    });
});
