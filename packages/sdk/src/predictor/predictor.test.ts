import assert from "node:assert/strict";
import { describe, it } from "node:test";
import util from "node:util";
import { isPredictorClass } from "../engine.js";
import { BasePredictor, Secret, Secrets, UndeclaredSecretError } from "../index.js";

describe("Secrets (deployment secrets)", () => {
  const secrets = new Secrets(new Map([["hf_token", new Secret("hf_live_value")]]));

  it("gives a declared secret as a Secret and says which names are declared", () => {
    assert.equal(secrets.get("hf_token").getSecretValue(), "hf_live_value");
    assert.equal(secrets.has("hf_token"), true);
    assert.equal(secrets.has("other"), false);
  });

  it("rejects an undeclared name with the fix", () => {
    assert.throws(() => secrets.get("openai_key"), {
      name: "UndeclaredSecretError",
      message:
        'secret "openai_key" is not declared in cog.yaml (declared secrets are: hf_token); add it under secrets: as `openai_key: null`',
    });
    assert.throws(
      () => new Secrets(new Map()).get("x"),
      (error: Error) => {
        assert.ok(error instanceof UndeclaredSecretError);
        assert.equal(
          error.message,
          'secret "x" is not declared in cog.yaml (cog.yaml declares no secrets); add it under secrets: as `x: null`',
        );
        return true;
      },
    );
  });

  it("never shows a value when printed, serialised or spread, and cannot be iterated", () => {
    for (const text of [
      String(secrets),
      JSON.stringify({ secrets }),
      util.inspect(secrets),
      util.inspect({ ...secrets }),
      util.format("%o", secrets),
    ]) {
      assert.ok(!text.includes("hf_live_value"), text);
    }
    assert.deepEqual(Object.keys(secrets), []);
    assert.equal(Symbol.iterator in secrets, false);
  });
});

describe("BasePredictor", () => {
  it("gives a predictor empty secrets and a setup() that does nothing", async () => {
    class Predictor extends BasePredictor {
      async predict() {
        return "ok";
      }
    }
    const predictor = new Predictor();
    assert.equal(predictor.secrets.has("anything"), false);
    assert.equal(await predictor.setup(), undefined);
  });

  it("recognises predictor classes: subclasses with predict() or run()", () => {
    class WithPredict extends BasePredictor {
      predict() {}
    }
    class WithRun extends BasePredictor {
      run() {}
    }
    class Neither extends BasePredictor {}
    assert.equal(isPredictorClass(WithPredict), true);
    assert.equal(isPredictorClass(WithRun), true);
    assert.equal(isPredictorClass(Neither), false);
    assert.equal(isPredictorClass(new WithPredict()), false);
  });
});
