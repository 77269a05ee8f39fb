import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { test } from "node:test";
import { Redactor } from "@tsc-cog/sdk";
import { WorkerLogs } from "./worker-logs.js";

const PREFIX = "\u001fb:nonce:";
const tick = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const logs = new WorkerLogs({ stdout, stderr }, PREFIX);
  const redactor = new Redactor();
  redactor.register("hunter2-secret", "token");
  return { stdout, stderr, logs, redactor };
}

test("each segment gets the bytes before its boundary on each pipe, scrubbed", async () => {
  const { stdout, stderr, logs, redactor } = setup();
  const texts: string[] = ["", ""];
  logs.segment(0).bind(redactor, (text) => (texts[0] += text));
  stdout.write("setup out\n");
  stdout.write(`${PREFIX}0\nfirst hunter2-`);
  stderr.write(`setup err\n${PREFIX}0\n`);
  await tick();
  assert.equal(logs.segment(0).isComplete, true);
  assert.equal(texts[0], "setup out\nsetup err\n");
  logs.segment(1).bind(redactor, (text) => (texts[1] += text));
  stdout.write(`secret done\n${PREFIX}1\n`);
  await tick();
  assert.equal(logs.segment(1).isComplete, false, "stderr has not ended segment 1 yet");
  logs.endThrough("stderr", 1);
  assert.equal(logs.segment(1).isComplete, true);
  assert.equal(texts[1], "first ********** done\n");
});

test("bytes that arrive before their segment is bound are kept and scrubbed once it is", async () => {
  const { stdout, logs, redactor } = setup();
  logs.endThrough("stdout", 0);
  logs.endThrough("stderr", 0);
  stdout.write("early hunter2-secret\n");
  await tick();
  let text = "";
  logs.segment(1).bind(redactor, (chunk) => (text += chunk));
  assert.equal(text, "early **********\n");
});

test("a late boundary for an older segment is ignored; a closed pipe ends every open segment", async () => {
  const { stdout, stderr, logs, redactor } = setup();
  logs.endThrough("stdout", 2);
  stdout.write(`late${PREFIX}1\nnext\n`);
  await tick();
  let text = "";
  logs.segment(3).bind(redactor, (chunk) => (text += chunk));
  assert.equal(text, "latenext\n");
  stdout.end();
  stderr.end();
  await tick();
  assert.equal(logs.segment(3).isComplete, true);
  assert.equal(logs.segment(9).isComplete, true);
});
