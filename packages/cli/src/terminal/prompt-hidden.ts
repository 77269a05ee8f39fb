import { UsageError } from "@tsc-cog/runtime";
import type { CommandIO } from "../io.js";

/**
 * Reads one line from a terminal without echoing it (raw mode): Enter ends it, Backspace erases,
 * Ctrl-C or Ctrl-D on an empty line abort; a paste arrives as one chunk and works as typed text.
 */
export function promptHidden(question: string, io: CommandIO): Promise<string> {
  const { stdin } = io;
  return new Promise((resolve, reject) => {
    io.stderr.write(question);
    let value = "";
    const finish = (error?: Error) => {
      stdin.setRawMode?.(false);
      stdin.removeListener("data", onData);
      stdin.pause();
      io.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === "\r" || ch === "\n") return finish();
        if (ch === "\u0003") return finish(new UsageError("cancelled at the secret prompt"));
        if (ch === "\u0004" && value === "") return finish(new UsageError("no value given at the secret prompt"));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    };
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}
