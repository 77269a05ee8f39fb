import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Redactor } from "@tsc-cog/sdk/engine";
import type { WorkerOutput } from "../worker/fork-worker.js";
import { WorkerLogs } from "./worker-logs.js";

const CANARY = "tsc-cog-CANARY-logs-9e8d7c6b";

/** A worker output the test writes to by hand. */
function fakeOutput() {
  const listeners: ((bytes: Buffer) => void)[] = [];
  let close!: () => void;
  const closed = new Promise<void>((resolve) => {
    close = resolve;
  });
  const output: WorkerOutput = { onData: (l) => void listeners.push(l), drain: () => {}, closed, close: () => close() };
  return {
    output,
    write: (text: string | Buffer) => {
      for (const listener of listeners) listener(Buffer.from(text));
    },
    end: () => close(),
  };
}

function setup(armed: boolean) {
  const { output, write, end } = fakeOutput();
  const redactor = new Redactor();
  const logs = new WorkerLogs(output, redactor, { armed });
  const seen: { text: string; owner: string | undefined }[] = [];
  logs.onText((bytes, owner) => seen.push({ text: bytes.toString(), owner }));
  const by = (owner: string | undefined) =>
    seen
      .filter((s) => s.owner === owner)
      .map((s) => s.text)
      .join("");
  return { logs, redactor, write, end, by, seen };
}

describe("a worker's logs", () => {
  it("release nothing before they are armed, then everything scrubbed with the secrets registered by then", () => {
    const { logs, redactor, write, seen, by } = setup(false);
    write(`at load ${CANARY}\n`);
    assert.equal(seen.length, 0);
    redactor.register(CANARY, "token");
    logs.arm();
    assert.equal(by(undefined), "at load **********\n");
  });

  it("belong to the prediction they were attributed to, and a secret split across a prediction's end is caught whole", () => {
    const { logs, redactor, write, by, seen } = setup(true);
    redactor.register(CANARY, "token");
    logs.attribute("p1");
    write(`one ${CANARY.slice(0, 10)}`);
    logs.attribute("p2");
    write(`${CANARY.slice(10)} two\n`);
    logs.attribute(undefined);
    assert.equal(by("p1"), "one ", "the first half is held: it might start a secret");
    assert.equal(by("p2"), "********** two\n");
    assert.ok(!seen.some((s) => s.text.includes(CANARY.slice(0, 10))));
  });

  it("are bytes relayed as printed, invalid UTF-8 included", async () => {
    const { logs, write, end } = setup(true);
    const raw: Buffer[] = [];
    logs.onText((bytes) => raw.push(bytes));
    const printed = Buffer.from([0x61, 0xff, 0xfe, 0xc3, 0x0a, 0xc3]);
    write(printed);
    end();
    await logs.ended;
    assert.deepEqual(Buffer.concat(raw), printed);
  });
});
