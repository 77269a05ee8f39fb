// Checks a Kubernetes object against kubernetes-models' schemas, strictly: validate() accepts fields
// the API does not know (the server would drop or, with kubectl's strict validation, refuse them),
// so the objects are also walked for fields the schema never names.

import { validate as validateDeployment } from "kubernetes-models/_schemas/IoK8sApiAppsV1Deployment";
import { validate as validateHorizontalPodAutoscaler } from "kubernetes-models/_schemas/IoK8sApiAutoscalingV2HorizontalPodAutoscaler";
import { validate as validateService } from "kubernetes-models/_schemas/IoK8sApiCoreV1Service";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Service } from "kubernetes-models/v1";

/** The kinds the manifests hold: the model (whose validate() throws on a schema error) and the bare schema function. */
const KINDS: Record<string, { readonly model: new (data: never) => { validate(): void }; readonly schema: (data: unknown) => boolean }> = {
  Deployment: { model: Deployment, schema: validateDeployment },
  Service: { model: Service, schema: validateService },
  HorizontalPodAutoscaler: { model: HorizontalPodAutoscaler, schema: validateHorizontalPodAutoscaler },
};

/**
 * The fields of `document` that its kind's schema does not have, as JSON pointers. kubernetes-models
 * ships its schemas compiled into validator functions (no JSON to read), and a compiled validator
 * reads exactly the properties its schema names (every key of a map such as `labels`); so the
 * document is handed to it wrapped in proxies that record each property read, and a key never read
 * is a field the schema does not know.
 */
export function unknownFields(document: Readonly<Record<string, unknown>>): string[] {
  const kind = KINDS[String(document.kind)];
  if (kind === undefined) throw new Error(`no schema for kind ${String(document.kind)}`);
  const objects: { path: string; target: Record<string, unknown>; read: Set<PropertyKey> }[] = [];
  const wrap = (value: unknown, path: string): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => wrap(item, `${path}/${index}`));
    if (value === null || typeof value !== "object") return value;
    const target = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, wrap(item, `${path}/${key}`)]));
    const read = new Set<PropertyKey>();
    objects.push({ path, target, read });
    return new Proxy(target, {
      get(object, key, receiver) {
        read.add(key);
        return Reflect.get(object, key, receiver);
      },
      has(object, key) {
        read.add(key);
        return Reflect.has(object, key);
      },
    });
  };
  kind.schema(wrap(document, ""));
  return objects
    .flatMap(({ path, target, read }) =>
      Object.keys(target)
        .filter((key) => !read.has(key))
        .map((key) => `${path}/${key}`),
    )
    .sort();
}

/**
 * Throws when `document` breaks its kind's schema (kubernetes-models' validate()) or has a field the
 * schema does not know ({@link unknownFields}).
 */
export function assertValidObject(document: Readonly<Record<string, unknown>>): void {
  const kind = KINDS[String(document.kind)];
  if (kind === undefined) throw new Error(`no schema for kind ${String(document.kind)}`);
  new kind.model(document as never).validate();
  const unknown = unknownFields(document);
  if (unknown.length > 0) throw new Error(`${String(document.kind)} has fields its schema does not know: ${unknown.join(", ")}`);
}
