import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BasePredictor, currentScope } from "../index.js";
import { metricNameProblem } from "./metric-name.js";
import { type MetricMode, MetricSet, type MetricValue } from "./metrics.js";
import { PredictionScope, runInScope } from "./scope.js";

describe("metric names (Cog's rules and messages)", () => {
  const table: [string, string | undefined][] = [
    ["tokens", undefined],
    ["timing.load", undefined],
    ["a.b.c.d", undefined],
    ["input_token_count2", undefined],
    ["A1_b2", undefined],
    ["", "metric name must not be empty"],
    ["x".repeat(129), "metric name must be 128 characters or fewer (got 129 characters)"],
    ["predict_time", "'predict_time' is reserved by the runtime"],
    ["cog.gpu", "the 'cog.' prefix is reserved for system metrics"],
    [".tokens", "metric name must not start with a dot"],
    ["tokens.", "metric name must not end with a dot"],
    ["timing..load", "metric name must not contain empty segments (consecutive dots)"],
    ["a.b.c.d.e", "metric name must have at most 4 dot-separated segments (got 5)"],
    ["1tokens", "metric name segment '1tokens' must start with a letter"],
    ["_tokens", "metric name segment '_tokens' must start with a letter"],
    ["to__kens", "metric name segment 'to__kens' must not contain consecutive underscores"],
    ["tok-ens", "metric name segment 'tok-ens' contains invalid character '-'"],
    ["timing.lo ad", "metric name segment 'lo ad' contains invalid character ' '"],
    ["tokens_", "metric name segment 'tokens_' must end with a letter or digit"],
  ];
  for (const [name, problem] of table) {
    it(`${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}…` : name)}: ${problem ?? "accepted"}`, () => {
      assert.equal(metricNameProblem(name), problem);
    });
  }
});

describe("recording metrics (modes, values, dot paths)", () => {
  const cases: { name: string; steps: [string, MetricValue, MetricMode?][]; expected: Record<string, unknown> }[] = [
    {
      name: "replace overwrites",
      steps: [
        ["n", 1],
        ["n", 2, "replace"],
      ],
      expected: { n: 2 },
    },
    {
      name: "incr adds to a number and starts from the value",
      steps: [
        ["n", 2, "incr"],
        ["n", 3, "increment"],
      ],
      expected: { n: 5 },
    },
    {
      name: "incr mixes int and float",
      steps: [
        ["t", 1, "incr"],
        ["t", 0.5, "incr"],
      ],
      expected: { t: 1.5 },
    },
    {
      name: "incr of a non-number is ignored (as Cog's server merge)",
      steps: [
        ["s", "x"],
        ["s", 1, "incr"],
      ],
      expected: { s: "x" },
    },
    {
      name: "append builds a list",
      steps: [
        ["l", 1, "append"],
        ["l", "two", "append"],
      ],
      expected: { l: [1, "two"] },
    },
    {
      name: "append to a single value makes a list of both",
      steps: [
        ["l", 1],
        ["l", 2, "append"],
      ],
      expected: { l: [1, 2] },
    },
    {
      name: "replace of an int by a float is allowed",
      steps: [
        ["n", 1],
        ["n", 1.5],
      ],
      expected: { n: 1.5 },
    },
    {
      name: "dot paths build nested objects",
      steps: [
        ["timing.load", 1.5],
        ["timing.run", 2],
      ],
      expected: { timing: { load: 1.5, run: 2 } },
    },
    {
      name: "a non-object on a dot path is replaced",
      steps: [
        ["timing", 3],
        ["timing.load", 1],
      ],
      expected: { timing: { load: 1 } },
    },
    {
      name: "lists and dicts are values",
      steps: [
        ["tags", ["a"]],
        ["info", { k: "v" }],
      ],
      expected: { tags: ["a"], info: { k: "v" } },
    },
  ];
  for (const { name, steps, expected } of cases) {
    it(name, () => {
      const set = new MetricSet();
      for (const [key, value, mode] of steps) set.record(key, value, mode);
      assert.deepEqual(set.toJSON(), expected);
    });
  }

  const errors: { name: string; call: (set: MetricSet) => void; error: RegExp }[] = [
    {
      name: "an unknown mode",
      call: (set) => set.record("n", 1, "add" as MetricMode),
      error: /^TypeError: Invalid metric mode: 'add'\. Expected 'replace', 'incr', or 'append'\.$/,
    },
    {
      name: "null",
      call: (set) => set.record("n", null as unknown as MetricValue),
      error: /^TypeError: Unsupported metric value type: null\. Expected bool, int, float, str, list, or dict\.$/,
    },
    {
      name: "a Date",
      call: (set) => set.record("n", new Date() as unknown as MetricValue),
      error: /^TypeError: Unsupported metric value type: Date\. /,
    },
    {
      name: "incr of a string",
      call: (set) => set.record("n", "x", "incr"),
      error: /^TypeError: Increment mode requires int or float, got str$/,
    },
    {
      name: "replacing with another type",
      call: (set) => {
        set.record("n", 1);
        set.record("n", "x");
      },
      error: /^TypeError: Metric 'n' has type int, cannot set to str without deleting first$/,
    },
    { name: "a bad name", call: (set) => set.record("cog.x", 1), error: /^RangeError: the 'cog\.' prefix is reserved for system metrics$/ },
  ];
  for (const { name, call, error } of errors) {
    it(`throws for ${name}`, () => {
      assert.throws(
        () => call(new MetricSet()),
        (thrown: Error) => error.test(`${thrown.name}: ${thrown.message}`),
      );
    });
  }
});

describe("currentScope()", () => {
  class Recorder extends BasePredictor {
    predict(): void {
      this.recordMetric("via_this", 1, "incr");
    }
  }

  it("outside a prediction: empty context, and recordMetric does nothing (not even check the name)", () => {
    assert.deepEqual(currentScope().context, {});
    assert.doesNotThrow(() => currentScope().recordMetric("", 1));
  });

  it("inside one: a fresh copy of the context, and metrics recorded there (also through this.recordMetric)", async () => {
    const scope = new PredictionScope({ api_key: "k" });
    await runInScope(scope, async () => {
      await Promise.resolve();
      const context = currentScope().context;
      context.api_key = "changed";
      assert.deepEqual(currentScope().context, { api_key: "k" });
      currentScope().recordMetric("tokens", 3);
      new Recorder().predict();
    });
    assert.deepEqual(scope.metrics.toJSON(), { tokens: 3, via_this: 1 });
    assert.deepEqual(currentScope().context, {});
  });
});

describe("currentScope().signal", () => {
  it("never aborts outside a prediction, and is the prediction's cancel signal inside one", async () => {
    assert.equal(currentScope().signal.aborted, false);
    const cancel = new AbortController();
    const seen = await runInScope(new PredictionScope({}, cancel.signal), async () => {
      const { signal } = currentScope();
      await Promise.resolve();
      cancel.abort();
      return signal.aborted;
    });
    assert.equal(seen, true);
    assert.equal(new PredictionScope().signal.aborted, false);
  });
});
