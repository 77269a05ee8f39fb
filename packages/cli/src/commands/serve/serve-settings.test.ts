import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "@tsc-cog/runtime";
import { resolveConcurrency, resolvePredictionConcurrency, resolveUploadUrl, servingSummary } from "./serve-settings.js";

describe("--upload-url", () => {
  it("is absent unless given", () => assert.equal(resolveUploadUrl(undefined), undefined));
  for (const url of ["http://127.0.0.1:9000/up", "https://uploads.example/bucket/"])
    it(`takes ${url}`, () => assert.equal(resolveUploadUrl(url), url));
  for (const url of ["uploads.example/up", "ftp://uploads.example/", "file:///tmp/up", ""])
    it(`refuses ${JSON.stringify(url)} as a usage error naming the flag`, () =>
      assert.throws(
        () => resolveUploadUrl(url),
        (error: unknown) => error instanceof UsageError && /--upload-url must be an http/.test(error.message),
      ));
});

/** Asserts that `run` throws a {@link UsageError} whose message is `expected` (or matches it). */
function assertUsageError(run: () => unknown, expected: string | RegExp): void {
  assert.throws(
    run,
    (error: unknown) =>
      error instanceof UsageError && (typeof expected === "string" ? error.message === expected : expected.test(error.message)),
  );
}

describe("--concurrency (worker processes)", () => {
  // COG_MAX_CONCURRENCY no longer counts here: it is predictions per worker (below), as in Cog.
  it("is 1 worker by default", () => assert.equal(resolveConcurrency(undefined), 1));
  it("takes the flag", () => assert.equal(resolveConcurrency(3), 3));
  for (const flag of [0, -1, 1.5, Number.NaN])
    it(`refuses ${flag} as a usage error naming the flag`, () =>
      assertUsageError(() => resolveConcurrency(flag), /^--concurrency must be a whole number of at least 1, got /));
});

describe("predictions at once per worker", () => {
  const fromYaml = { concurrency: { max: 3 } };

  it("is left to the predictor's @Concurrent when neither COG_MAX_CONCURRENCY nor cog.yaml says", () => {
    assert.equal(resolvePredictionConcurrency({}, undefined), undefined);
    assert.equal(resolvePredictionConcurrency({}, {}), undefined);
    assert.equal(resolvePredictionConcurrency({ COG_MAX_CONCURRENCY: "" }, {}), undefined);
  });
  it("comes from cog.yaml concurrency.max, named as such", () =>
    assert.deepEqual(resolvePredictionConcurrency({}, fromYaml), { max: 3, from: "cog.yaml concurrency.max: 3" }));
  it("comes from COG_MAX_CONCURRENCY over cog.yaml, named as such", () =>
    assert.deepEqual(resolvePredictionConcurrency({ COG_MAX_CONCURRENCY: "5" }, fromYaml), { max: 5, from: "COG_MAX_CONCURRENCY=5" }));
  it("takes COG_MAX_CONCURRENCY without a cog.yaml, up to 1024", () => {
    assert.deepEqual(resolvePredictionConcurrency({ COG_MAX_CONCURRENCY: "1" }, undefined), { max: 1, from: "COG_MAX_CONCURRENCY=1" });
    assert.deepEqual(resolvePredictionConcurrency({ COG_MAX_CONCURRENCY: "1024" }, undefined), {
      max: 1024,
      from: "COG_MAX_CONCURRENCY=1024",
    });
  });
  it("falls back to cog.yaml when COG_MAX_CONCURRENCY is empty", () =>
    assert.deepEqual(resolvePredictionConcurrency({ COG_MAX_CONCURRENCY: "" }, fromYaml), { max: 3, from: "cog.yaml concurrency.max: 3" }));
  for (const value of ["0", "-1", "1.5", "many", " ", "2x"])
    it(`refuses COG_MAX_CONCURRENCY=${JSON.stringify(value)} as a usage error, even with cog.yaml set`, () =>
      assertUsageError(
        () => resolvePredictionConcurrency({ COG_MAX_CONCURRENCY: value }, fromYaml),
        `COG_MAX_CONCURRENCY must be a whole number of at least 1, got ${JSON.stringify(value)}`,
      ));
  it("refuses COG_MAX_CONCURRENCY above 1024", () =>
    assertUsageError(
      () => resolvePredictionConcurrency({ COG_MAX_CONCURRENCY: "1025" }, undefined),
      `COG_MAX_CONCURRENCY must be at most 1024, got "1025"`,
    ));
});

describe("the serve banner's capacity", () => {
  const table: [number, Parameters<typeof servingSummary>[1], string][] = [
    [1, { max: 4, from: "COG_MAX_CONCURRENCY=4" }, "1 worker, up to 4 predictions each"],
    [2, { max: 1, from: "cog.yaml concurrency.max: 1" }, "2 workers, up to 1 prediction each"],
    [1, undefined, "1 worker, predictions each as @Concurrent says (default 1)"],
  ];
  for (const [workers, perWorker, text] of table) it(`says "${text}"`, () => assert.equal(servingSummary(workers, perWorker), text));
});
