import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describePredictor } from "../engine.js";
import { BasePredictor, Output, PredictorDefinitionError, Streaming } from "../index.js";

class StreamingGenerator extends BasePredictor {
  @Streaming()
  async *predict(): AsyncGenerator<string> {
    yield "a";
  }
}

class StreamingIterator extends BasePredictor {
  @Streaming()
  @Output({ iterator: String })
  predict(): string[] {
    return ["a"];
  }
}

class StreamingConcatenateRun extends BasePredictor {
  @Streaming()
  @Output({ concatenate: true })
  *run(): Generator<string> {
    yield "a";
  }
}

class NotStreaming extends BasePredictor {
  async *predict(): AsyncGenerator<string> {
    yield "a";
  }
}

class StreamingOneValue extends BasePredictor {
  @Streaming()
  predict(): string {
    return "a";
  }
}

describe("@Streaming()", () => {
  for (const predictor of [StreamingGenerator, StreamingIterator, StreamingConcatenateRun])
    it(`marks ${predictor.name}'s output as streaming`, () => {
      const output = describePredictor(predictor).output;
      assert.equal(output.streaming, true);
      assert.equal(output.iterator, true);
    });

  it("leaves a generator without it not streaming", () => {
    assert.notEqual(describePredictor(NotStreaming).output.streaming, true);
  });

  it("on a method that returns one value is a definition error with the fix", () => {
    assert.throws(
      () => describePredictor(StreamingOneValue),
      (error: unknown) => {
        assert.ok(error instanceof PredictorDefinitionError);
        assert.deepEqual(error.problems, [
          {
            where: "StreamingOneValue.predict()",
            problem: "@Streaming() needs a streamed output, but it returns one value",
            fix: "make it a generator (async *predict() { yield … }), declare @Output({ iterator: T }) or @Output({ concatenate: true }), or remove @Streaming()",
          },
        ]);
        return true;
      },
    );
  });
});
