import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePredictorRef } from "./predictor-ref.js";

describe("parsePredictorRef", () => {
  const cases: [ref: string, file: string, exportName: string][] = [
    ["predict.ts", "predict.ts", "Predictor"],
    ["predict.ts:Generator", "predict.ts", "Generator"],
    ["path/to/predict.mts:My_Predictor$2", "path/to/predict.mts", "My_Predictor$2"],
    ["C:\\models\\predict.ts", "C:\\models\\predict.ts", "Predictor"],
    ["C:\\models\\predict.ts:Generator", "C:\\models\\predict.ts", "Generator"],
    ["C:/models/predict.js", "C:/models/predict.js", "Predictor"],
    ["/data/a:b/predict.ts", "/data/a:b/predict.ts", "Predictor"],
    ["/data/a:b/predict.ts:Prédicteur", "/data/a:b/predict.ts", "Prédicteur"],
    ["predict.ts:", "predict.ts:", "Predictor"],
    ["predict.ts:1st", "predict.ts:1st", "Predictor"],
  ];
  for (const [ref, file, exportName] of cases) {
    it(`reads ${JSON.stringify(ref)} as file ${JSON.stringify(file)}, export ${exportName}`, () => {
      assert.deepEqual(parsePredictorRef(ref), { file, exportName });
    });
  }
});
