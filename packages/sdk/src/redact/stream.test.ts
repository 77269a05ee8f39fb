import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SECRET_MASK } from "../secret/secret.js";
import { redactorWith, runStream } from "./redact.test-support.js";

const CANARY = 'tsc-cog-CANARY-9f8e7d6c5b4a+/=&?"\\é';

describe("RedactingStream", () => {
  it("masks a secret written in two halves, with a pause between", async () => {
    const bytes = Buffer.from(`token=${CANARY}\n`);
    const out = await runStream(redactorWith(CANARY).createStream(), [bytes.subarray(0, 20), bytes.subarray(20)]);
    assert.equal(Buffer.concat(out).toString(), `token=${SECRET_MASK}\n`);
  });

  it("masks a secret written one byte at a time", async () => {
    const bytes = Buffer.from(`a ${CANARY} b ${Buffer.from(CANARY).toString("base64")} c`);
    const out = await runStream(
      redactorWith(CANARY).createStream(),
      [...bytes].map((byte) => Uint8Array.of(byte)),
    );
    assert.equal(Buffer.concat(out).toString(), `a ${SECRET_MASK} b ${SECRET_MASK} c`);
  });

  it("releases text that cannot start a secret at once, and holds back only a possible start", async () => {
    const stream = redactorWith("hf_abcdefghijkl").createStream();
    const released: string[] = [];
    stream.on("data", (chunk: Buffer) => released.push(chunk.toString()));
    stream.write("progress 10%\n");
    stream.write("token hf_abc");
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(released, ["progress 10%\n", "token "]);
    stream.end("xyz\n");
    await new Promise((resolve) => stream.on("end", resolve));
    assert.equal(released.join(""), "progress 10%\ntoken hf_abcxyz\n");
  });

  it("never splits a UTF-8 character across output chunks", async () => {
    const bytes = Buffer.from("é€😀");
    const out = await runStream(
      redactorWith(CANARY).createStream(),
      [...bytes].map((byte) => Uint8Array.of(byte)),
    );
    assert.deepEqual(
      out.map((chunk) => chunk.toString()),
      ["é", "€", "😀"],
    );
  });

  it("passes invalid UTF-8 through byte for byte", async () => {
    const bytes = Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82, 0x41, 0xf0, 0x9f, 0x98, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xe2, 0x82]);
    for (let split = 0; split <= bytes.length; split++) {
      const out = await runStream(redactorWith(CANARY).createStream(), [bytes.subarray(0, split), bytes.subarray(split)]);
      assert.deepEqual(Buffer.concat(out), bytes, `split at ${split}`);
    }
  });

  it("masks a short secret only when the whole stream is that value", async () => {
    const whole = await runStream(redactorWith("4321").createStream(), [Buffer.from("43"), Buffer.from("21")]);
    assert.equal(Buffer.concat(whole).toString(), SECRET_MASK);
    const inside = await runStream(redactorWith("4321").createStream(), [Buffer.from("43"), Buffer.from("21\n")]);
    assert.equal(Buffer.concat(inside).toString(), "4321\n");
  });

  it("does not release the tail of a masked secret that may start another one", async () => {
    // "abcdefgh" is masked, but its tail "efgh" may begin "efghijklmn": it is kept, already masked.
    const redactor = redactorWith("abcdefgh", "efghijklmn");
    const out = await runStream(redactor.createStream(), [Buffer.from("<abcdefgh"), Buffer.from("xyz>")]);
    assert.equal(Buffer.concat(out).toString(), `<${SECRET_MASK}xyz>`);
    const chained = await runStream(redactor.createStream(), [Buffer.from("<abcdefgh"), Buffer.from("ijklmn>")]);
    assert.equal(Buffer.concat(chained).toString(), `<${SECRET_MASK}>`);
  });

  it("masks secrets in big chunks whose boundaries fall inside a secret", async () => {
    const line = `${"x".repeat(70_000)}${CANARY}${"y".repeat(70_000)}${CANARY}`;
    const bytes = Buffer.from(line);
    const cut = line.indexOf(CANARY) + 5;
    const out = await runStream(redactorWith(CANARY).createStream(), [
      bytes.subarray(0, cut),
      bytes.subarray(cut, cut + 65_536),
      bytes.subarray(cut + 65_536, bytes.length - 3),
      bytes.subarray(bytes.length - 3),
    ]);
    assert.equal(Buffer.concat(out).toString(), `${"x".repeat(70_000)}${SECRET_MASK}${"y".repeat(70_000)}${SECRET_MASK}`);
  });
});
