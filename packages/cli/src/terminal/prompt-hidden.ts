import { UsageError } from "@tsc-cog/runtime";
import { CancelledError } from "../errors.js";
import type { CommandIO } from "../io.js";

/** Ctrl-C at a secret prompt: nothing ran, and the CLI exits 130 as for any Ctrl-C. */
export class PromptCancelledError extends CancelledError {
  constructor() {
    super();
    this.message = "cancelled at the secret prompt; nothing ran";
  }
}

/** Control characters the prompt acts on. */
const ENTER = new Set(["\r", "\n"]);
const CTRL_C = "\u0003";
const CTRL_D = "\u0004";
const CTRL_U = "\u0015";
const ERASE = new Set(["\u007f", "\b"]);
const ESC = "\u001b";

/**
 * Reads one line from a terminal without echoing it: the terminal is put in raw mode, so neither
 * the line discipline nor we print what is typed. Enter ends the line; Backspace erases one
 * character and Ctrl-U the whole line; Ctrl-C throws {@link PromptCancelledError} (exit 130);
 * Ctrl-D on an empty line or the end of input is a {@link UsageError}. A paste arrives as one chunk
 * and is taken like typed text; the escape sequences of bracketed paste and of arrow keys are skipped.
 * The caller checks that stdin is a TTY.
 */
export function promptHidden(question: string, io: CommandIO): Promise<string> {
  const { stdin } = io;
  if ((stdin as NodeJS.ReadableStream & { readableEnded?: boolean }).readableEnded) {
    return Promise.reject(new UsageError("standard input was already read to its end, so the secret prompt cannot be shown"));
  }
  return new Promise((resolve, reject) => {
    // Raw mode before the question: text typed or pasted as soon as the question shows must not be echoed.
    stdin.setRawMode?.(true);
    io.stderr.write(question);
    let value = "";
    let sequence = "";
    const finish = (error?: Error) => {
      stdin.removeListener("data", onData);
      stdin.removeListener("end", onEnd);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onEnd = () => finish(new UsageError("no value given at the secret prompt (input ended)"));
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (sequence !== "") {
          sequence = skipEscape(sequence + ch);
          continue;
        }
        if (ch === ESC) sequence = ESC;
        else if (ENTER.has(ch)) return finish();
        else if (ch === CTRL_C) return finish(new PromptCancelledError());
        else if (ch === CTRL_D) {
          if (value === "") return finish(new UsageError("no value given at the secret prompt"));
        } else if (ch === CTRL_U) value = "";
        else if (ERASE.has(ch)) value = [...value].slice(0, -1).join("");
        else if (ch >= " ") value += ch;
      }
    };
    stdin.on("data", onData);
    stdin.on("end", onEnd);
    stdin.resume();
  });
}

/**
 * The escape sequence read so far, or `""` once it is complete: `ESC [` parameters and a final byte
 * (CSI: arrows, bracketed-paste markers), `ESC O x` (SS3: keypad), or `ESC` and any one character.
 */
function skipEscape(sequence: string): string {
  if (sequence.length < 2) return sequence;
  const kind = sequence[1];
  if (kind === "[") {
    const last = sequence.at(-1) ?? "";
    return sequence.length > 2 && last >= "@" && last <= "~" ? "" : sequence;
  }
  if (kind === "O") return sequence.length >= 3 ? "" : sequence;
  return "";
}
