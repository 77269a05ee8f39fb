import { UsageError } from "@tsc-cog/runtime";
import type { CommandIO } from "../../io.js";

/** The options of `tsc-cog serve`. */
export interface ServeOptions {
  readonly predictor?: string;
  readonly host: string;
  readonly port?: number;
  readonly concurrency?: number;
  readonly setupTimeout: number;
  readonly secretsDir: string;
}

// Placeholder; the serve issue fills this in.
export async function serve(_options: ServeOptions, _io: CommandIO): Promise<void> {
  throw new UsageError("tsc-cog serve is not available yet");
}
