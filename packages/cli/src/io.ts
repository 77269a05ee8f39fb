import type { ForkedWorker } from "@tsc-cog/runtime";
import type { ChalkInstance } from "chalk";
import type { StatusLine } from "./terminal/status-line.js";

/**
 * What a command may touch of the outside world. `main` builds it from the real process; command
 * functions never use `process` directly, so they can be called from tests and the server alike.
 */
export interface CommandIO {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly style: ChalkInstance;
  readonly status: StatusLine;
  /** A message about the run (not the output) on stderr; silent with -q. */
  info(message: string): void;
  /** A warning on stderr, shown even with -q. */
  warn(message: string): void;
  /** Sets what Ctrl-C does while a command runs (`undefined` restores the default). */
  onInterrupt(handler: (() => void) | undefined): void;
  /** True once Ctrl-C was pressed. */
  readonly interrupted: boolean;
  /**
   * Ends the line on the terminal if output (or the terminal's own `^C`) left the cursor mid-line, so
   * that the next message starts on a line of its own; does nothing at a line's start.
   */
  endLine?(): void;
  /**
   * A worker process the bin shim forked before anything else was imported (so that its start-up
   * overlaps the CLI's), handed once to the command that runs a predictor; `undefined` otherwise.
   */
  takeWorker?(): ForkedWorker | undefined;
}
