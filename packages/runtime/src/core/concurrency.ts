import type { PredictorSpec } from "@tsc-cog/sdk/engine";
import { PredictorFailure } from "./failure.js";

/**
 * How many predictions one worker runs at once: the deployment's word (`COG_MAX_CONCURRENCY`, cog.yaml
 * `concurrency: max:`; `from` names it) else the predictor's `@Concurrent({ max })`. More than one needs
 * an async `predict()`: else `refuse()` runs (the session kills its worker) and a {@link PredictorFailure}
 * of stage `setup` naming the setting is thrown.
 */
export function predictionsAtOnce(
  spec: PredictorSpec,
  concurrency: { readonly max: number; readonly from: string } | undefined,
  refuse: () => void,
): number {
  const max = concurrency?.max ?? spec.maxConcurrency;
  if (max > 1 && !spec.isAsync) {
    refuse();
    const from = concurrency ? `${concurrency.from} asks for ${max} predictions at once` : `@Concurrent({ max: ${max} })`;
    throw new PredictorFailure(
      "setup",
      `${from}, which needs an async ${spec.method}(): declare it \`async ${spec.method}(...)\`, or use worker processes (tsc-cog serve --concurrency) instead`,
    );
  }
  return max;
}
