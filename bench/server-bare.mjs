// The baseline of bench/server-throughput.mjs: a bare node:http server that calls the same predictor's
// predict() in-process (no worker, no validation, no redaction) and answers with the same prediction
// envelope `tsc-cog serve` sends for a sync POST /predictions (bench/support/envelope-server.mjs).
// Prints `listening <port>` when ready.
//
//   node bench/server-bare.mjs examples/hello/predict.ts
import { resolve } from "node:path";
import { loadPredictor } from "../packages/runtime/dist/loader/load-predictor.js";
import { registerPredictorLoader } from "../packages/runtime/dist/loader/register.js";
import { serveEnvelopes } from "./support/envelope-server.mjs";

registerPredictorLoader();
const { predictorClass: Predictor } = await loadPredictor(resolve(process.argv[2]), process.cwd());
const predictor = new Predictor();
await predictor.setup();
serveEnvelopes((name) => predictor.predict(name));
