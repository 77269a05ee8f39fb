import { Redactor } from "./redactor.js";
import type { RedactingStream } from "./stream.js";

/** For tests: a Redactor with each secret registered under the label `secret_<index>`. */
export function redactorWith(...secrets: string[]): Redactor {
  const redactor = new Redactor();
  for (const [i, secret] of secrets.entries()) redactor.register(secret, `secret_${i}`);
  return redactor;
}

/** For tests: writes `chunks` one by one, ends the stream and collects every chunk it releases. */
export async function runStream(stream: RedactingStream, chunks: readonly Uint8Array[]): Promise<Buffer[]> {
  const out: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve, reject) => stream.on("end", resolve).on("error", reject));
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await ended;
  return out;
}
