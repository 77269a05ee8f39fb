import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "@tsc-cog/runtime";
import type { KubernetesOptions } from "../options.js";
import { checkName, resolveKubernetesSettings, sanitizeName } from "./kubernetes-settings.js";

const DEFAULTS: KubernetesOptions = {
  image: "registry.example/demo:1",
  replicas: 1,
  concurrency: 1,
  setupTimeout: 300,
  predictionTimeout: 600,
};

/** Asserts that `run` throws a {@link UsageError} whose message is `expected`. */
function assertUsageError(run: () => unknown, expected: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof UsageError, `not a UsageError: ${error}`);
    assert.equal(error.message, expected);
    return true;
  });
}

describe("the default name, from the project folder's name", () => {
  const cases: [string, string][] = [
    ["demo", "demo"],
    ["My Demo_Project", "my-demo-project"],
    ["--weird..name--", "weird-name"],
    ["2024-model", "predictor-2024-model"],
    ["Übersetzer", "ubersetzer"],
    ["日本語", "predictor"],
    ["", "predictor"],
    [`a${"-b".repeat(40)}`, `a${"-b".repeat(31)}`],
  ];
  for (const [folder, name] of cases) it(`makes ${JSON.stringify(folder)} into ${name}`, () => assert.equal(sanitizeName(folder), name));
  it("is always a name --name would accept", () => {
    for (const [folder] of cases) assert.equal(checkName(sanitizeName(folder)), sanitizeName(folder));
  });
  it("is at most 63 characters and never ends with a dash when cut", () => {
    const name = sanitizeName(`${"a".repeat(62)}-bcd`);
    assert.equal(name, "a".repeat(62));
  });
});

describe("--name", () => {
  for (const name of ["demo", "a", "demo-2", "x".repeat(63)])
    it(`takes ${name.length > 20 ? "63 letters" : name}`, () => assert.equal(checkName(name), name));
  const bad: [string, string][] = [
    ["Demo", "demo"],
    ["demo_model", "demo-model"],
    ["2demo", "predictor-2demo"],
    ["demo-", "demo"],
    ["x".repeat(64), "x".repeat(63)],
  ];
  for (const [name, suggestion] of bad)
    it(`refuses ${JSON.stringify(name.length > 20 ? "64 letters" : name)} with the rule and a suggestion`, () =>
      assertUsageError(
        () => checkName(name),
        `--name "${name}" is not a valid Kubernetes name (at most 63 characters: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit); try --name ${suggestion}`,
      ));
});

describe("the numbers and the image", () => {
  const resolve = (options: Partial<KubernetesOptions>) => resolveKubernetesSettings({ ...DEFAULTS, ...options }, "demo", ["hf_token"]);
  it("takes the defaults, names the objects after the folder and keeps the secrets' names", () =>
    assert.deepEqual(resolve({}), {
      name: "demo",
      image: "registry.example/demo:1",
      replicas: 1,
      concurrency: 1,
      setupTimeout: 300,
      predictionTimeout: 600,
      secrets: ["hf_token"],
    }));
  it("takes --max-replicas equal to --replicas", () => assert.equal(resolve({ replicas: 3, maxReplicas: 3 }).maxReplicas, 3));
  const bad: [string, Partial<KubernetesOptions>, string][] = [
    ["zero replicas", { replicas: 0 }, "--replicas must be a whole number of at least 1, got 0"],
    ["a fraction of a replica", { replicas: 1.5 }, "--replicas must be a whole number of at least 1, got 1.5"],
    [
      "a word for replicas (yargs makes it NaN)",
      { replicas: Number.NaN },
      "--replicas must be a whole number of at least 1, got something that is not a number",
    ],
    [
      "fewer max-replicas than replicas",
      { replicas: 3, maxReplicas: 2 },
      "--max-replicas (2) must be at least --replicas (3): the autoscaler scales between them",
    ],
    ["zero workers", { concurrency: 0 }, "--concurrency must be a whole number of at least 1, got 0"],
    ["a zero setup timeout", { setupTimeout: 0 }, "--setup-timeout must be a whole number of at least 1, got 0"],
    ["a negative prediction timeout", { predictionTimeout: -5 }, "--prediction-timeout must be a whole number of at least 1, got -5"],
    [
      "an empty image",
      { image: "" },
      '--image "" is not an image name; pass what tsc-cog build tagged, e.g. --image registry.example/demo:1',
    ],
    [
      "an image with a space",
      { image: "demo 1" },
      '--image "demo 1" is not an image name; pass what tsc-cog build tagged, e.g. --image registry.example/demo:1',
    ],
    ["--image twice (yargs makes it an array)", { image: ["a:1", "b:1"] as never }, "--image was given 2 times; give it once"],
    ["--replicas twice", { replicas: [1, 2] as never }, "--replicas was given 2 times; give it once"],
  ];
  for (const [what, options, message] of bad) it(`refuses ${what}`, () => assertUsageError(() => resolve(options), message));
});
