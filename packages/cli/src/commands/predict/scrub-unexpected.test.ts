import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "@tsc-cog/runtime";
import { Redactor } from "@tsc-cog/sdk/engine";
import { scrubbedUnexpected } from "./scrub-unexpected.js";

const CANARY = "tsc-cog-CANARY-unexpected-4d3c2b1a";

describe("scrubbedUnexpected", () => {
  const redactor = new Redactor();
  redactor.register(CANARY, "api_token");

  it("scrubs the message and stack of an unexpected error", () => {
    const error = new TypeError(`cannot read ${CANARY}`);
    const scrubbed = scrubbedUnexpected(error, redactor) as Error;
    assert.equal(scrubbed.message, "cannot read **********");
    assert.ok(!scrubbed.stack?.includes(CANARY), "the stack is scrubbed too");
  });

  it("passes our own typed errors through unchanged", () => {
    const usage = new UsageError("bad flag");
    assert.equal(scrubbedUnexpected(usage, redactor), usage);
  });
});
