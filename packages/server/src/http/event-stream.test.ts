import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FastifyRequest } from "fastify";
import { wantsEventStream } from "./event-stream.js";

describe("wantsEventStream: Accept asks for server-sent events (as Cog decides)", () => {
  const cases: [string | undefined, boolean][] = [
    ["text/event-stream", true],
    ["application/json, text/event-stream;q=0.1", true],
    ["Text/Event-Stream ; charset=utf-8", true],
    ["application/json", false],
    ["text/event-streams", false],
    ["*/*", false],
    [undefined, false],
  ];
  for (const [accept, expected] of cases)
    it(`${JSON.stringify(accept)} → ${expected}`, () =>
      assert.equal(wantsEventStream({ headers: accept === undefined ? {} : { accept } } as FastifyRequest), expected));
});
