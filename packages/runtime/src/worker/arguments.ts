import { buildInputInstance, type PredictorSpec } from "@tsc-cog/sdk/worker";

/** The arguments for `predict()`: one per parameter by index, or the input-class instance. */
export function buildArguments(spec: PredictorSpec, values: Readonly<Record<string, unknown>>): unknown[] {
  const args: unknown[] = new Array(spec.parameterCount).fill(undefined);
  if (spec.inputClass) {
    args[spec.inputClass.parameterIndex] = buildInputInstance(spec, values);
    return args;
  }
  for (const input of spec.inputs) args[input.origin.parameterIndex] = values[input.name];
  return args;
}
