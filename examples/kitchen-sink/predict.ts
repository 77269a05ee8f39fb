import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BasePredictor, Input, Inputs, Int, Output, Path, Secret, SecretInput } from "@tsc-cog/sdk";
import { IsEmail } from "class-validator";

/** Every input type and option, declared on an input class. */
export class KitchenSinkInput {
  @Input({ description: "A required string", minLength: 1, maxLength: 200 }) prompt!: string;
  @Input({ description: "An integer with bounds", type: Int, default: 3, ge: 1, le: 10 }) steps!: number;
  @Input({ description: "A number with bounds", default: 0.7, ge: 0, le: 2 }) temperature!: number;
  @Input({ description: "A boolean", default: false }) verbose!: boolean;
  @Input({ description: "String choices", choices: ["fast", "balanced", "quality"], default: "balanced" }) mode!: string;
  @Input({ description: "Integer choices", type: Int, choices: [256, 512, 1024], default: 512 }) size!: number;
  @Input({ description: "A pattern", regex: "^[a-z]+(-[a-z]+)*$", default: "kitchen-sink" }) slug!: string;
  @Input({ description: "A list of strings", type: [String], default: [] }) tags!: string[];
  @Input({ description: "A list of integers", type: [Int], default: [1, 2, 3] }) weights!: number[];
  @Input({ description: "An opaque JSON object", type: Object, default: { a: 1 } }) options!: Record<string, unknown>;
  @Input({ description: "An optional file", nullable: true, accept: "text/*" }) notes!: Path | null;
  @Input({ description: "An optional number", default: null }) seed!: number | null;
  @Input({ description: "A deprecated input", default: "old", deprecated: true }) legacy!: string;
  @Input({ description: "Contact address (class-validator @IsEmail)", default: "user@example.com" })
  @IsEmail()
  email!: string;
  @SecretInput({ description: "A required secret" }) api_token!: Secret;
  @SecretInput({ description: "An optional secret", default: null }) backup_token!: Secret | null;
}

/** An input-class predictor that reports what it received (secrets masked) and writes a file. */
export class Predictor extends BasePredictor {
  @Output(Path)
  async predict(@Inputs() input: KitchenSinkInput): Promise<Path> {
    const notes = input.notes ? await readFile(input.notes.path, "utf8") : null;
    const report = {
      ...input,
      notes,
      api_token: String(input.api_token),
      token_length_ok: input.api_token.getSecretValue().length > 0,
      backup_token: input.backup_token === null ? null : String(input.backup_token),
    };
    const file = join(tmpdir(), `kitchen-sink-${process.pid}.json`);
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    return new Path(file);
  }
}
