// The public surface of every package entry point (DESIGN §1: each package exports a curated surface),
// snapshotted inline so that a change to what a package exports shows as a diff of this file. Values
// are what the built module exports; `type X` names are the type-only exports of its declaration file.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "./support/cli.js";
import { tempDir, writeFiles } from "./support/temp.js";

/** The entry's exported names, sorted; type-only exports (in its `.d.ts`, not in the module) as `type Name`. */
async function surfaceOf(specifier: string): Promise<string[]> {
  const values = Object.keys(await import(specifier));
  const declarations = readFileSync(fileURLToPath(import.meta.resolve(specifier)).replace(/\.js$/, ".d.ts"), "utf8");
  assert.doesNotMatch(declarations, /^export \*/m, `${specifier}: \`export *\` hides what the entry exports; name the exports`);
  const declared = new Set<string>();
  for (const [, list] of declarations.matchAll(/^export (?:type )?\{([^}]*)\}/gm)) {
    for (const item of list.split(",")) {
      const name = item
        .split(/\s+as\s+/)
        .pop()
        ?.replace(/^\s*type\s+/, "")
        .trim();
      if (name) declared.add(name);
    }
  }
  const DECLARATION = /^export (?:declare )?(?:abstract )?(?:const|let|function|class|enum|interface|type) (\w+)/gm;
  for (const [, name] of declarations.matchAll(DECLARATION)) {
    declared.add(name);
  }
  for (const value of values) assert.ok(declared.has(value), `${specifier}: ${value} is exported but not declared`);
  const types = [...declared].filter((name) => !values.includes(name)).map((name) => `type ${name}`);
  // By name, case-insensitively, and independent of the locale.
  const key = (entry: string) => entry.replace(/^type /, "").toLowerCase();
  return [...values, ...types].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

describe("what each package entry point exports", () => {
  it("@tsc-cog/sdk: only what predictor authors use", async () => {
    assert.deepEqual(await surfaceOf("@tsc-cog/sdk"), [
      "BasePredictor",
      "Concurrent",
      "type ConcurrentOptions",
      "currentScope",
      "type DefinitionProblem",
      "Field",
      "type FieldOptions",
      "Input",
      "type InputDecorator",
      "type InputIssue",
      "type InputIssueCode",
      "type InputOptions",
      "Inputs",
      "InputValidationError",
      "Int",
      "isPath",
      "isSecret",
      "type MetricMode",
      "type MetricValue",
      "Output",
      "type OutputClass",
      "type OutputDeclaration",
      "Path",
      "PredictorDefinitionError",
      "type ScalarTypeToken",
      "type Scope",
      "Secret",
      "SECRET_MASK",
      "SecretInput",
      "type SecretInputOptions",
      "Secrets",
      "Streaming",
      "type TypeToken",
      "UndeclaredSecretError",
      "Union",
      "type UnionToken",
    ]);
  });

  it("@tsc-cog/sdk/engine: coercion, validation, specs, schema and redaction, for the other packages", async () => {
    assert.deepEqual(await surfaceOf("@tsc-cog/sdk/engine"), [
      "type BaseType",
      "buildInputInstance",
      "ByteRedactor",
      "coerceItemText",
      "coerceScalarText",
      "coerceText",
      "COG_SCHEMA_VERSION",
      "describePredictor",
      "describeType",
      "type FieldSpec",
      "generateOpenApiSchema",
      "hasLoneSurrogate",
      "type InputDecoration",
      "type InputOrigin",
      "type InputSpec",
      "type InputType",
      "invalidInput",
      "isPredictorClass",
      "type MemberType",
      "MetadataKeys",
      "metricNameProblem",
      "MIN_STREAM_SECRET_LENGTH",
      "type OpenApiDocument",
      "type OpenApiSchemaOptions",
      "type OutputShape",
      "type OutputSpec",
      "PredictionScope",
      "type PredictorSpec",
      "RedactingStream",
      "Redactor",
      "runInScope",
      "type SchemaObject",
      "secretForms",
      "type SecretKind",
      "TextRedactor",
      "type TypeHint",
      "unionListMember",
      "type UnknownInputPolicy",
      "unknownInputsIssue",
      "validateInputs",
      "type ValidationResult",
      "wrapSecrets",
    ]);
  });

  it("@tsc-cog/sdk/worker: the part of the engine a worker process loads (no coercion, schema or redaction)", async () => {
    assert.deepEqual(await surfaceOf("@tsc-cog/sdk/worker"), [
      "buildInputInstance",
      "describePredictor",
      "type FieldSpec",
      "type InputOrigin",
      "type InputSpec",
      "isPredictorClass",
      "type OutputShape",
      "type OutputSpec",
      "PredictionScope",
      "type PredictorSpec",
      "runInScope",
      "type UnknownInputPolicy",
      "validateInputs",
      "type ValidationResult",
    ]);
    // Every name it exports is the engine's very same.
    const [worker, engine] = await Promise.all([import("@tsc-cog/sdk/worker"), import("@tsc-cog/sdk/engine")]);
    for (const [name, value] of Object.entries(worker)) assert.equal(value, (engine as Record<string, unknown>)[name], name);
  });

  it("@tsc-cog/server: the HTTP prediction API", async () => {
    assert.deepEqual(await surfaceOf("@tsc-cog/server"), ["type HealthStatus", "type RunningServer", "type ServerOptions", "startServer"]);
  });

  it("@tsc-cog/cli: nothing (it is a command)", async () => {
    assert.deepEqual(await surfaceOf("@tsc-cog/cli"), []);
  });

  it("@tsc-cog/runtime: loading and running a predictor, project files, secrets, values", async () => {
    assert.deepEqual(await surfaceOf("@tsc-cog/runtime"), [
      "checkSecretName",
      "type CogConfig",
      "containsPath",
      "describeFsError",
      "dropTrailingNewline",
      "type FailureStage",
      "type ForkedWorker",
      "type HealthcheckResult",
      "InputProblem",
      "isDataUrl",
      "isHttpUrl",
      "listStoredSecrets",
      "locateProject",
      "type LogListener",
      "type LogOwner",
      "lookupSecret",
      "MAX_PREDICTION_CONCURRENCY",
      "outputExtension",
      "outputMediaType",
      "parseCogConfig",
      "parseDataUrl",
      "type PathInputContext",
      "placesFor",
      "type PredictionEvent",
      "type PredictionOutcome",
      "PredictionRun",
      "type PredictOptions",
      "PredictorFailure",
      "PredictorSession",
      "type ProjectLocation",
      "readCogConfig",
      "readScrubbedFile",
      "readStoredSecret",
      "removeStoredSecret",
      "replacePaths",
      "resolveDeploymentSecrets",
      "resolvePathInput",
      "scrubbedFileStream",
      "SECRET_ENV_PREFIX",
      "SecretNotFoundError",
      "type SecretSource",
      "type SecretSources",
      "secretStoreDir",
      "type SessionOptions",
      "toDataUrl",
      "unresolvableInput",
      "UsageError",
      "withoutSecretVariables",
      "type WorkerOptions",
      "type WorkerOutput",
      "writeStoredSecret",
    ]);
  });
});

describe("a lone predictor (no node_modules) gets the CLI's SDK", () => {
  it("resolves @tsc-cog/sdk/engine and the SDK's class-validator too", async () => {
    const dir = tempDir("tsc-cog-lone-engine-");
    for (let up = dir; up !== dirname(up); up = dirname(up)) {
      assert.equal(existsSync(join(up, "node_modules")), false, `precondition: no node_modules in ${up}`);
    }
    writeFiles(dir, {
      "predict.ts": [
        'import { BasePredictor, Input } from "@tsc-cog/sdk";',
        'import { secretForms } from "@tsc-cog/sdk/engine";',
        'import { isEmail } from "class-validator";',
        "",
        "export class Predictor extends BasePredictor {",
        "  async predict(@Input() text: string): Promise<string> {",
        '    return [isEmail(text), secretForms(text).includes(text)].join(" ");',
        "  }",
        "}",
        "",
      ].join("\n"),
    });
    const run = await runCli(["predict", "predict.ts", "-i", "text=a@example.com"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "true true\n");
  });
});
