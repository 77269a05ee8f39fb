import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, test } from "node:test";
import { describePredictor } from "../engine.js";
import { BasePredictor, Field, Input, Int, Output, Path, PredictorDefinitionError, Secret, SecretInput } from "../index.js";
import { COG_SCHEMA_VERSION, generateOpenApiSchema } from "./document.js";
import type { OpenApiDocument } from "./openapi.js";
import { assertValidOpenApi, schemaOf } from "./schema.test-support.js";

class Result {
  @Field({ description: "Generated text" }) text!: string;
  @Field({ type: [Path] }) images!: Path[];
  @Field({ nullable: true, type: Number }) score!: number | null;
}

/** Every input type and every option, for the snapshot and the validator. */
class KitchenSink extends BasePredictor {
  @Output(Result)
  predict(
    @Input({ description: "Text to send", minLength: 1, maxLength: 500, regex: "^\\S" }) prompt: string,
    @Input({ description: "Repeats", type: Int, default: 1, ge: 1, le: 5 }) n: number,
    @Input({ ge: 0, le: 2, default: 0.7 }) temperature: number,
    @Input({ default: true }) stream: boolean,
    @Input({ description: "Image", accept: "image/*" }) image: Path,
    @Input({ type: Object, nullable: true }) config: object | null,
    @Input({ choices: ["fast", "slow"], default: "fast", description: "Mode" }) mode: string,
    @Input({ type: Int, choices: [256, 512, 1024] }) size: number,
    @Input({ type: [String], default: [] }) tags: string[],
    @Input({ type: [Int], default: [1, 2] }) counts: number[],
    @Input({ type: [Number] }) weights: number[],
    @Input({ type: [Boolean], nullable: true }) flags: boolean[] | null,
    @Input({ type: [Path] }) files: Path[],
    @Input({ type: [Object] }) records: object[],
    @Input({ type: Number, default: null, description: "Random seed" }) seed: number | null,
    @Input({ deprecated: true, default: "old" }) legacy: string,
    @SecretInput({ description: "API token", minLength: 8 }) api_token: Secret,
    @SecretInput({ default: null }) fallback_token: Secret | null,
    @SecretInput({ type: [Secret] }) extra_tokens: Secret[],
  ): Result {
    const all = [prompt, n, temperature, stream, image, config, mode, size, tags, counts, weights, flags, files, records, seed, legacy];
    return Object.assign(new Result(), { text: [...all, api_token, fallback_token, extra_tokens].join(), images: [], score: null });
  }
}

const SNAPSHOT = new URL("../../src/schema/__snapshots__/kitchen-sink.snap.json", import.meta.url);

describe("the OpenAPI document", () => {
  test("is OpenAPI 3.0.2 with info {title: Cog, version}, keys in Cog's order", async () => {
    const doc = await schemaOf(KitchenSink);
    assert.deepStrictEqual(Object.keys(doc), ["components", "info", "openapi", "paths"]);
    assert.equal(doc.openapi, "3.0.2");
    assert.deepStrictEqual(doc.info, { title: "Cog", version: COG_SCHEMA_VERSION });
    assert.equal(COG_SCHEMA_VERSION, "0.22.0");
    assert.deepStrictEqual((await schemaOf(KitchenSink, { version: "1.2.3" })).info, { title: "Cog", version: "1.2.3" });
  });

  test("lists Input, Output, the enums in input order, then the request, response and error components", async () => {
    const doc = await schemaOf(KitchenSink);
    assert.deepStrictEqual(Object.keys(doc.components.schemas), [
      "Input",
      "Output",
      "mode",
      "size",
      "PredictionRequest",
      "PredictionResponse",
      "Status",
      "HTTPValidationError",
      "ValidationError",
    ]);
  });

  test("has Cog's fixed components and paths, byte for byte", () => {
    class Empty extends BasePredictor {
      predict(): string {
        return "";
      }
    }
    const { Input: _input, Output: _output, ...fixed } = generateOpenApiSchema(describePredictor(Empty)).components.schemas;
    // Written by hand from replicate/cog pkg/schema/openapi_spec.go (Go writes plain maps' keys sorted).
    const expectedComponents =
      '{"PredictionRequest":{"properties":{"id":{"title":"Id","type":"string"},"input":{"$ref":"#/components/schemas/Input"}},"title":"PredictionRequest","type":"object"},' +
      '"PredictionResponse":{"properties":{"completed_at":{"format":"date-time","title":"Completed At","type":"string"},"created_at":{"format":"date-time","title":"Created At","type":"string"},"error":{"title":"Error","type":"string"},"id":{"title":"Id","type":"string"},"input":{"$ref":"#/components/schemas/Input"},"logs":{"title":"Logs","type":"string"},"metrics":{"title":"Metrics","type":"object"},"output":{"$ref":"#/components/schemas/Output"},"started_at":{"format":"date-time","title":"Started At","type":"string"},"status":{"title":"Status","type":"string"},"version":{"title":"Version","type":"string"}},"title":"PredictionResponse","type":"object"},' +
      '"Status":{"description":"An enumeration.","enum":["starting","processing","succeeded","canceled","failed"],"title":"Status","type":"string"},' +
      '"HTTPValidationError":{"properties":{"detail":{"items":{"$ref":"#/components/schemas/ValidationError"},"title":"Detail","type":"array"}},"title":"HTTPValidationError","type":"object"},' +
      '"ValidationError":{"properties":{"loc":{"items":{"anyOf":[{"type":"string"},{"type":"integer"}]},"title":"Location","type":"array"},"msg":{"title":"Message","type":"string"},"type":{"title":"Error Type","type":"string"}},"required":["loc","msg","type"],"title":"ValidationError","type":"object"}}';
    const ok = '{"content":{"application/json":{"schema":{}}},"description":"Successful Response"}';
    const invalid =
      '{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/HTTPValidationError"}}},"description":"Validation Error"}';
    const expectedPaths =
      `{"/":{"get":{"operationId":"root__get","responses":{"200":${ok}},"summary":"Root"}},` +
      `"/health-check":{"get":{"operationId":"healthcheck_health_check_get","responses":{"200":${ok}},"summary":"Healthcheck"}},` +
      `"/predictions":{"post":{"description":"Run a single prediction on the model","operationId":"predict_predictions_post","requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/PredictionRequest"}}}},"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/PredictionResponse"}}},"description":"Successful Response"},"422":${invalid}},"summary":"Predict"}},` +
      `"/predictions/{prediction_id}/cancel":{"post":{"operationId":"cancel_predictions__prediction_id__cancel_post","parameters":[{"in":"path","name":"prediction_id","required":true,"schema":{"title":"Prediction Id","type":"string"}}],"responses":{"200":${ok},"422":${invalid}},"summary":"Cancel"}}}`;
    assert.equal(JSON.stringify(fixed), expectedComponents);
    assert.equal(JSON.stringify(generateOpenApiSchema(describePredictor(Empty)).paths), expectedPaths);
  });

  test("of a predictor with every input type and option matches the reviewed snapshot", async () => {
    const text = `${JSON.stringify(await schemaOf(KitchenSink), null, 2)}\n`;
    if (process.env.UPDATE_SNAPSHOTS === "1") writeFileSync(SNAPSHOT, text);
    assert.equal(text, readFileSync(SNAPSHOT, "utf8"));
  });

  test("shares no objects with the predictor's options, so a consumer may change it freely", async () => {
    const spec = describePredictor(KitchenSink);
    const doc = generateOpenApiSchema(spec);
    const counts = doc.components.schemas.Input.properties?.counts?.default;
    assert.ok(Array.isArray(counts));
    (counts as number[]).push(3);
    assert.deepStrictEqual(spec.inputs.find((i) => i.name === "counts")?.default, [1, 2]);
    assert.deepStrictEqual(generateOpenApiSchema(spec).components.schemas.Input.properties?.counts?.default, [1, 2]);
  });

  test("refuses a choices input named like a fixed component, which would replace it", () => {
    class Clash extends BasePredictor {
      predict(@Input({ choices: ["a", "b"] }) Status: string): string {
        return Status;
      }
    }
    assert.throws(
      () => generateOpenApiSchema(describePredictor(Clash)),
      (error: unknown) =>
        error instanceof PredictorDefinitionError &&
        error.message.includes(
          'Clash.predict() input "Status": a choices input named "Status" would replace the schema\'s Status component',
        ),
    );
  });

  test("the validator used by these tests rejects an invalid document", async () => {
    const doc = generateOpenApiSchema(describePredictor(KitchenSink));
    const text = JSON.stringify(doc);
    const broken = text.replace('"title":"Input","type":"object"', '"title":"Input","type":"text"');
    assert.notEqual(broken, text);
    await assert.rejects(assertValidOpenApi(JSON.parse(broken) as OpenApiDocument), /type/);
    await assertValidOpenApi(doc);
  });
});
