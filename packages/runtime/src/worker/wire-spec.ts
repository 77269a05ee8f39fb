import type { PredictorSpec } from "@tsc-cog/sdk/engine";
import type { WireSpec } from "./protocol.js";

/**
 * The SDK's form of a spec a worker sent, for the parent's validation and schema. It has no input
 * class: the worker itself runs an input class's own validators.
 */
export function specFromWire(wire: WireSpec): PredictorSpec {
  return {
    className: wire.className,
    method: "predict",
    inputs: wire.inputs,
    output: wire.output,
    parameterCount: wire.inputs.length,
    maxConcurrency: wire.maxConcurrency,
    isAsync: wire.isAsync,
  };
}
