import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isWorkerMessage } from "./worker-message.js";

const ERROR = { name: "Error", message: "boom" };
const ORIGIN = { className: "P", method: "predict", parameterIndex: 0 };
const INPUT = {
  name: "prompt",
  order: 0,
  type: { base: "string", list: false },
  nullable: false,
  required: true,
  hasDefault: false,
  origin: ORIGIN,
};
const OUTPUT = { shape: { kind: "any" }, iterator: false, concatenate: false };
const SPEC = { className: "P", inputs: [INPUT], output: OUTPUT, hasInputClass: false, maxConcurrency: 1, isAsync: true };
const CANARY = "tsc-cog-CANARY-forged-spec";

describe("isWorkerMessage: what the parent handles of what comes over the worker's IPC channel", () => {
  it("takes every message of the protocol", () => {
    for (const message of [
      { type: "spec", spec: SPEC },
      {
        type: "spec",
        spec: {
          ...SPEC,
          inputs: [
            { ...INPUT, choices: ["a", 2], regex: "^a", description: "d", ge: 1, deprecated: true },
            {
              ...INPUT,
              name: "my-field",
              type: {
                base: "union",
                list: false,
                members: [
                  { base: "integer", list: true },
                  { base: "secret", list: false },
                ],
              },
            },
          ],
          output: {
            shape: { kind: "object", list: true, fields: [{ name: "text", type: { base: "string", list: false }, nullable: true }] },
            iterator: true,
            concatenate: false,
            streaming: true,
          },
        },
      },
      { type: "spec", spec: { ...SPEC, output: { ...OUTPUT, shape: { kind: "type", type: { base: "path", list: false } } } } },
      { type: "load-failed", error: ERROR },
      { type: "setup-done" },
      { type: "setup-failed", error: ERROR },
      { type: "output", id: "p1", value: [1, "a"] },
      { type: "log", id: "p1", bytes: "aGVsbG8=" },
      { type: "done", id: "p1", value: null, metrics: { n: 1 } },
      { type: "done", id: "p1" },
      { type: "failed", id: "p1", error: ERROR },
      { type: "healthcheck-result", id: 3 },
      { type: "healthcheck-result", id: 3, error: "unhealthy" },
      { type: "invalid", id: "p1", issues: [] },
      { type: "invalid", id: "p1", issues: [{ code: "unknown", input: "x", detail: "d", message: "m" }] },
      { type: "late-error", error: ERROR },
    ]) {
      assert.equal(isWorkerMessage(message), true, JSON.stringify(message));
    }
  });

  it("refuses anything else a predictor could send with process.send", () => {
    for (const message of [
      "a string",
      42,
      null,
      [],
      {},
      { type: "shutdown" },
      { type: "toString" },
      { type: "log", id: "p1", bytes: { raw: "x" } },
      { type: "log", id: 1, bytes: "" },
      { type: "output" },
      { type: "failed", id: "p1", error: "boom" },
      { type: "healthcheck-result", id: "3" },
      { type: "spec", spec: { inputs: "none" } },
      // Forged specs: names that are not strings, types and shapes of no known kind, fields of the wrong kind.
      { type: "spec", spec: { ...SPEC, inputs: [CANARY] } },
      { type: "spec", spec: { ...SPEC, inputs: [{ ...INPUT, name: "" }] } },
      { type: "spec", spec: { ...SPEC, inputs: [{ ...INPUT, name: { CANARY } }] } },
      { type: "spec", spec: { ...SPEC, inputs: [{ ...INPUT, type: { base: CANARY, list: false } }] } },
      { type: "spec", spec: { ...SPEC, inputs: [{ ...INPUT, type: { base: "union", list: false, members: [CANARY] } }] } },
      { type: "spec", spec: { ...SPEC, inputs: [{ ...INPUT, choices: CANARY }] } },
      { type: "spec", spec: { ...SPEC, inputs: [{ ...INPUT, choices: [{ CANARY }] }] } },
      { type: "spec", spec: { ...SPEC, inputs: [{ ...INPUT, regex: 1 }] } },
      { type: "spec", spec: { ...SPEC, inputs: [{ ...INPUT, origin: CANARY }] } },
      { type: "spec", spec: { ...SPEC, output: { ...OUTPUT, shape: { kind: CANARY } } } },
      { type: "spec", spec: { ...SPEC, output: { ...OUTPUT, shape: { kind: "object", list: false, fields: CANARY } } } },
      { type: "spec", spec: { ...SPEC, output: { ...OUTPUT, iterator: CANARY } } },
      { type: "spec", spec: { ...SPEC, className: { CANARY } } },
      { type: "spec", spec: { ...SPEC, maxConcurrency: "2" } },
      { type: "invalid", id: "p1", issues: [CANARY] },
      { type: "invalid", id: "p1", issues: [{ code: "unknown", input: "x", detail: "d", message: { CANARY } }] },
      { type: "done", id: "p1", metrics: [] },
    ]) {
      assert.equal(isWorkerMessage(message), false, JSON.stringify(message));
    }
  });
});
