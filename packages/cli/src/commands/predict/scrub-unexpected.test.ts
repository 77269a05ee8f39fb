import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "@tsc-cog/runtime";
import { InputValidationError } from "@tsc-cog/sdk";
import { Redactor, unknownInputsIssue } from "@tsc-cog/sdk/engine";
import { CancelledError, PredictionFailedError } from "../../errors.js";
import { scrubbedError } from "./scrub-unexpected.js";

const CANARY = "tsc-cog-CANARY-unexpected-4d3c2b1a";

describe("scrubbedError", () => {
  const redactor = new Redactor();
  redactor.register(CANARY, "api_token");

  it("scrubs the message, stack and cause of an unexpected error", () => {
    const error = new TypeError(`cannot read ${CANARY}`, { cause: new Error(`because ${CANARY}`) });
    const scrubbed = scrubbedError(error, redactor) as Error;
    assert.equal(scrubbed.message, "cannot read **********");
    assert.ok(!scrubbed.stack?.includes(CANARY), "the stack is scrubbed too");
    assert.equal((scrubbed.cause as Error).message, "because **********");
  });

  it("scrubs a validation error quoting the spec, and keeps its type (exit 2)", () => {
    // A forged spec names an input after a secret: the unknown-input message lists it.
    const issue = unknownInputsIssue([CANARY], ["prompt"]);
    assert.ok(issue);
    const scrubbed = scrubbedError(new InputValidationError([issue]), redactor);
    assert.ok(scrubbed instanceof InputValidationError);
    assert.equal(scrubbed.message, 'unknown input "prompt"; valid inputs are: **********');
    assert.ok(!JSON.stringify(scrubbed.issues).includes(CANARY));
  });

  it("scrubs a usage error and keeps its type", () => {
    const scrubbed = scrubbedError(new UsageError(`no such choice ${CANARY}`), redactor);
    assert.ok(scrubbed instanceof UsageError);
    assert.equal(scrubbed.message, "no such choice **********");
  });

  it("passes errors through unchanged when there is nothing to scrub, and ours always", () => {
    const usage = new UsageError("bad flag");
    assert.equal(scrubbedError(usage, redactor), usage);
    const invalid = new InputValidationError([{ code: "unknown", input: "x", detail: "d", message: "m" }]);
    assert.equal(scrubbedError(invalid, redactor), invalid);
    const failed = new PredictionFailedError("already redacted");
    assert.equal(scrubbedError(failed, redactor), failed);
    const cancelled = new CancelledError();
    assert.equal(scrubbedError(cancelled, redactor), cancelled);
  });

  it("scrubs a thrown string", () => {
    assert.equal(scrubbedError(`raw ${CANARY}`, redactor), "raw **********");
  });
});
