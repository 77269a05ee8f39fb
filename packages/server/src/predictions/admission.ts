import { randomUUID } from "node:crypto";
import { type PredictorSpec, unknownInputsIssue, validateInputs } from "@tsc-cog/sdk/engine";
import { pathInputIssues } from "../files/path-inputs.js";
import type { HealthStatus } from "../workers/slot-pool.js";
import { type PredictionRequest, parsePredictionRequest } from "./prediction-request.js";
import { type Rejection, type RenderJson, rejection } from "./rejection.js";
import { inputIssueDetails } from "./validation-detail.js";

const NOT_READY: Record<string, string> = {
  STARTING: "the predictor is not ready yet: setup() is still running (see GET /health-check)",
  SETUP_FAILED: "the predictor cannot run: setup() failed (see GET /health-check)",
  DEFUNCT: "the predictor cannot run: its worker processes have failed (see GET /health-check)",
};

/**
 * The first checks of a prediction request, in Cog's order: the server is ready (else 503), the
 * body has the shape of a `PredictionRequest` (else 422), a PUT's body id matches its URL (else 422).
 * Returns the request and its id (the URL's, the body's, or a new `pred_…`).
 */
export function admitRequest(
  body: Readonly<Record<string, unknown>>,
  urlId: string | undefined,
  health: HealthStatus,
  closing: boolean,
  render: RenderJson,
): Rejection | { readonly kind: "request"; readonly id: string; readonly request: PredictionRequest } {
  if (closing) return rejection(503, { error: "the server is shutting down", status: "failed" }, render);
  if (health !== "READY" && health !== "BUSY") return rejection(503, { error: NOT_READY[health], status: "failed" }, render);
  const parsed = parsePredictionRequest(body);
  if (!parsed.ok) return rejection(422, { detail: parsed.detail }, render);
  const { request } = parsed;
  if (urlId !== undefined && request.id !== undefined && request.id !== urlId) {
    const detail = [{ loc: ["body", "id"], msg: "prediction ID must match the ID supplied in the URL", type: "value_error" }];
    return rejection(422, { detail }, render);
  }
  return { kind: "request", id: urlId ?? request.id ?? `pred_${randomUUID().replaceAll("-", "")}`, request };
}

/**
 * Validates the inputs against the predictor's spec as JSON — no coercion, unknown names dropped (and
 * logged, as Cog does), Path inputs only as data: or http(s) URLs. Returns the complete inputs
 * (defaults filled) or the 422 rejection. Register the request's secrets before calling this.
 */
export function admitInputs(
  spec: PredictorSpec,
  id: string,
  input: Readonly<Record<string, unknown>>,
  render: RenderJson,
  log: (line: string) => void,
): Rejection | { readonly kind: "inputs"; readonly values: Readonly<Record<string, unknown>> } {
  const checked = validateInputs(spec, input, "drop");
  const issues = checked.ok ? pathInputIssues(spec.inputs, checked.values) : checked.issues;
  if (!checked.ok || issues.length > 0) return rejection(422, { detail: inputIssueDetails(issues) }, render);
  const given = Object.keys(input);
  if (given.some((name) => !Object.hasOwn(checked.values, name))) {
    const unknown = unknownInputsIssue(
      spec.inputs.map((i) => i.name),
      given,
    );
    if (unknown) log(`prediction ${id}: dropped ${unknown.message.split(";")[0]}`);
  }
  return { kind: "inputs", values: checked.values };
}
