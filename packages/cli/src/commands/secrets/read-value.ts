import { dropTrailingNewline, UsageError } from "@tsc-cog/runtime";
import type { CommandIO } from "../../io.js";
import { promptHidden } from "../../terminal/prompt-hidden.js";

/** A secret read from stdin larger than this is refused: it is not a secret but a misdirected file. */
const MAX_VALUE_BYTES = 1024 * 1024;

/**
 * The value for `tsc-cog secrets set NAME`: from a hidden prompt when stdin is a terminal, else all
 * of stdin less one trailing newline (`< file`, `printf … |`). Never from argv. An empty value is a
 * {@link UsageError}: storing nothing would only turn a clear "not found" into a confusing empty secret.
 */
export async function readSecretValue(name: string, io: CommandIO): Promise<string> {
  const value =
    io.stdin.isTTY === true
      ? await promptHidden(`Value for secret "${name}". Type or paste it (hidden): `, io)
      : dropTrailingNewline(await readAll(io.stdin));
  if (value === "") {
    throw new UsageError(
      `no value given for secret "${name}"; nothing stored. Type it at the prompt (run in a terminal) or pipe it in: tsc-cog secrets set ${name} < FILE`,
    );
  }
  return value;
}

async function readAll(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = Buffer.from(chunk as Buffer);
    size += buffer.length;
    if (size > MAX_VALUE_BYTES) throw new UsageError(`the value on standard input is larger than ${MAX_VALUE_BYTES} bytes; nothing stored`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
