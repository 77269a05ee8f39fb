import { UsageError } from "@tsc-cog/runtime";
import type { KubernetesOptions } from "../options.js";

/** What the manifests are made from: the flags, checked, and the project's declared secrets. */
export interface KubernetesSettings {
  /** Name of every object (a DNS-1035 label), and the prefix of the Secret's name. */
  readonly name: string;
  readonly image: string;
  readonly replicas: number;
  /** Worker processes per pod (`tsc-cog serve --concurrency`). */
  readonly concurrency: number;
  /** Present when a HorizontalPodAutoscaler scales from `replicas` up to this. */
  readonly maxReplicas?: number;
  readonly setupTimeout: number;
  readonly predictionTimeout: number;
  /** The deployment secrets cog.yaml declares, by name. */
  readonly secrets: readonly string[];
}

/** Kubernetes' longest object name that is also a valid Service name. */
const MAX_NAME_LENGTH = 63;

/**
 * A DNS-1035 label: what a Service's name must be, and so (the stricter rule) what every object here is
 * named. A Deployment would accept a leading digit; the Service beside it would not.
 */
const NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** The rule {@link NAME} checks, as a user reads it. */
const NAME_RULE = `at most ${MAX_NAME_LENGTH} characters: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit`;

/**
 * `text` (a folder's name) made into a valid object name: accents dropped, lowercased, each run of other characters
 * one "-", a leading digit prefixed with "predictor-", cut to 63 characters; "predictor" when nothing is left.
 */
export function sanitizeName(text: string): string {
  let name = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents off: "é" is "e", not "-"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (name === "") return "predictor";
  if (!/^[a-z]/.test(name)) name = `predictor-${name}`;
  return name.slice(0, MAX_NAME_LENGTH).replace(/-+$/, "");
}

/** `--name` when valid; otherwise a {@link UsageError} with the rule and the valid name closest to it. */
export function checkName(name: string): string {
  if (name.length <= MAX_NAME_LENGTH && NAME.test(name)) return name;
  throw new UsageError(`--name "${name}" is not a valid Kubernetes name (${NAME_RULE}); try --name ${sanitizeName(name)}`);
}

/** `--image` when it can name an image: not empty, no whitespace. */
export function checkImage(image: string): string {
  if (image === "" || /\s/.test(image))
    throw new UsageError(
      `--image ${JSON.stringify(image)} is not an image name; pass what tsc-cog build tagged, e.g. --image registry.example/demo:1`,
    );
  return image;
}

/** A whole number of at least `min` from the flag `flag`, or a {@link UsageError} that names it. */
export function wholeNumber(value: number, flag: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw new UsageError(
      `--${flag} must be a whole number of at least ${min}, got ${Number.isNaN(value) ? "something that is not a number" : value}`,
    );
  return value;
}

/** The one value of `flag`: yargs makes a flag given twice an array, which is a {@link UsageError} here. */
export function once<T>(value: T | readonly T[], flag: string): T {
  if (Array.isArray(value)) throw new UsageError(`--${flag} was given ${value.length} times; give it once`);
  return value as T;
}

/**
 * Checks every flag of `tsc-cog kubernetes`; `folderName` names the objects when `--name` is not given.
 * Throws a {@link UsageError} for the first bad flag.
 */
export function resolveKubernetesSettings(options: KubernetesOptions, folderName: string, secrets: readonly string[]): KubernetesSettings {
  const replicas = wholeNumber(once(options.replicas, "replicas"), "replicas", 1);
  const maxReplicas =
    options.maxReplicas === undefined ? undefined : wholeNumber(once(options.maxReplicas, "max-replicas"), "max-replicas", 1);
  if (maxReplicas !== undefined && maxReplicas < replicas)
    throw new UsageError(`--max-replicas (${maxReplicas}) must be at least --replicas (${replicas}): the autoscaler scales between them`);
  return {
    name: options.name === undefined ? sanitizeName(folderName) : checkName(once(options.name, "name")),
    image: checkImage(once(options.image, "image")),
    replicas,
    concurrency: wholeNumber(once(options.concurrency, "concurrency"), "concurrency", 1),
    ...(maxReplicas !== undefined ? { maxReplicas } : {}),
    setupTimeout: wholeNumber(once(options.setupTimeout, "setup-timeout"), "setup-timeout", 1),
    predictionTimeout: wholeNumber(once(options.predictionTimeout, "prediction-timeout"), "prediction-timeout", 1),
    secrets,
  };
}
