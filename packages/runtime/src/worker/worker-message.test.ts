import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isWorkerMessage } from "./worker-message.js";

const ERROR = { name: "Error", message: "boom" };

describe("isWorkerMessage: what the parent handles of what comes over the worker's IPC channel", () => {
  it("takes every message of the protocol", () => {
    for (const message of [
      { type: "spec", spec: { className: "P", inputs: [], output: {}, hasInputClass: false, maxConcurrency: 1, isAsync: true } },
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
      { type: "done", id: "p1", metrics: [] },
    ]) {
      assert.equal(isWorkerMessage(message), false, JSON.stringify(message));
    }
  });
});
