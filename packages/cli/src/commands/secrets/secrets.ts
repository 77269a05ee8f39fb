import { UsageError } from "@tsc-cog/runtime";
import type { CommandIO } from "../../io.js";

// Placeholder signatures; the secrets issue fills these in.
export async function secretsSet(_options: { name: string }, _io: CommandIO): Promise<void> {
  throw new UsageError("tsc-cog secrets is not available yet");
}
export async function secretsList(_options: { secretsDir: string }, _io: CommandIO): Promise<void> {
  throw new UsageError("tsc-cog secrets is not available yet");
}
export async function secretsRm(_options: { name: string }, _io: CommandIO): Promise<void> {
  throw new UsageError("tsc-cog secrets is not available yet");
}
