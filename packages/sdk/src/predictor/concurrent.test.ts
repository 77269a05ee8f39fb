import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describePredictor } from "../engine.js";
import { BasePredictor, Concurrent, type ConcurrentOptions, PredictorDefinitionError } from "../index.js";

/** A predictor class whose predict() carries `@Concurrent(options)`, async or not. */
function withConcurrent(options: ConcurrentOptions | undefined, kind: "async" | "sync" | "async-generator" = "async") {
  const decorate = Concurrent(options);
  class Async extends BasePredictor {
    async predict(): Promise<string> {
      return "a";
    }
  }
  class Sync extends BasePredictor {
    predict(): string {
      return "a";
    }
  }
  class AsyncGen extends BasePredictor {
    async *predict(): AsyncGenerator<string> {
      yield "a";
    }
  }
  const cls = kind === "async" ? Async : kind === "sync" ? Sync : AsyncGen;
  decorate(cls.prototype, "predict", Object.getOwnPropertyDescriptor(cls.prototype, "predict") as PropertyDescriptor);
  return cls;
}

/** The one problem describePredictor finds, as "problem. Fix: fix". */
function problemOf(cls: abstract new () => object): string {
  try {
    describePredictor(cls);
  } catch (error) {
    assert.ok(error instanceof PredictorDefinitionError);
    assert.equal(error.problems.length, 1);
    return `${error.problems[0].problem}. Fix: ${error.problems[0].fix}`;
  }
  assert.fail("expected a definition error");
}

describe("@Concurrent", () => {
  it("sets how many predictions one worker runs at once, for async predict() and async generators", () => {
    assert.equal(describePredictor(withConcurrent({ max: 16 })).maxConcurrency, 16);
    assert.equal(describePredictor(withConcurrent({ max: 3 }, "async-generator")).maxConcurrency, 3);
    assert.equal(describePredictor(withConcurrent({ max: 1 }, "sync")).maxConcurrency, 1);
    assert.equal(describePredictor(withConcurrent({})).maxConcurrency, 1, "bare @Concurrent() is max 1, as Cog's");
  });

  it("is 1 without it, and says whether predict() is async", () => {
    class Plain extends BasePredictor {
      predict(): string {
        return "a";
      }
    }
    assert.deepEqual([describePredictor(Plain).maxConcurrency, describePredictor(Plain).isAsync], [1, false]);
    assert.equal(describePredictor(withConcurrent({ max: 2 })).isAsync, true);
  });

  it("refuses max above 1 on a sync predict(), naming the fix", () => {
    assert.equal(
      problemOf(withConcurrent({ max: 4 }, "sync")),
      "@Concurrent({ max: 4 }) runs predictions side by side on one event loop, which needs an async predict(). Fix: declare it `async predict(...)` (or `async *predict(...)`), or drop @Concurrent and run worker processes with tsc-cog serve --concurrency",
    );
  });

  it("refuses a max that is not a whole number, below 1 or too large (Cog's rules)", () => {
    assert.match(
      problemOf(withConcurrent({ max: 2.5 })),
      /^@Concurrent max must be an integer, got 2\.5\. Fix: write @Concurrent\(\{ max: 8 \}\)/,
    );
    assert.match(problemOf(withConcurrent({ max: "4" as unknown as number })), /^@Concurrent max must be an integer, got "4"/);
    assert.match(problemOf(withConcurrent({ max: 0 })), /^@Concurrent max must be at least 1, got 0/);
    assert.match(problemOf(withConcurrent({ max: -3 })), /^@Concurrent max must be at least 1, got -3/);
    assert.match(problemOf(withConcurrent({ max: 5000 })), /^@Concurrent max is too large: 5000 \(at most 1024\)\. Fix: .*--concurrency/);
  });
});
