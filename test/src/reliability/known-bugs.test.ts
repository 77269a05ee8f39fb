// Bugs the reliability tests found outside the code that suite could change, now fixed: each test
// pins its fix.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BasePredictor, Input, Inputs } from "@tsc-cog/sdk";
import { describePredictor, Redactor, validateInputs } from "@tsc-cog/sdk/engine";
import { IsEmail } from "class-validator";
import { runCli } from "../support/cli.js";

/** A secret of 12 characters starting with a lone surrogate, as JSON text (`\ud800` is legal JSON). */
const LONE_SURROGATE_SECRET_JSON = '"\\ud800abcdefghijk"';

class EmailInput {
  @Input()
  @IsEmail()
  email!: string;
}

class EmailPredictor extends BasePredictor {
  async predict(@Inputs() input: EmailInput): Promise<string> {
    return input.email;
  }
}

describe("known bugs", () => {
  it("an option missing its value (predict -i) is a usage error, exit 2", async () => {
    const run = await runCli(["predict", "-i"]);
    assert.match(run.stderr, /^error: Not enough arguments following: i\n/);
    assert.equal(run.code, 2);
  });

  it("a lone surrogate given to an @IsEmail() input-class property is an input issue, not a URIError", () => {
    const result = validateInputs(describePredictor(EmailPredictor), { email: "\ud800" });
    assert.equal(result.ok, false);
  });

  it("the redactor takes a secret holding a lone surrogate (which JSON can carry) without throwing", () => {
    const redactor = new Redactor();
    redactor.register(JSON.parse(LONE_SURROGATE_SECRET_JSON), "token");
    assert.equal(redactor.redactText("before abcdefghijk after"), "before abcdefghijk after");
  });
});
