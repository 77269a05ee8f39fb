import { createHmac } from "node:crypto";
import { BasePredictor, Input, Output, Secret, SecretInput } from "@tsc-cog/sdk";

/**
 * Signs text with HMAC-SHA256 under a secret key: the key does real work, yet it never appears in
 * anything tsc-cog prints — even the debugging line below is scrubbed.
 */
export class Predictor extends BasePredictor {
  @Output(String)
  async predict(
    @Input({ description: "The text to sign" }) text: string,
    @SecretInput({ description: "The signing key (pass it as @file, env:NAME or -)", minLength: 8 }) key: Secret,
    @Input({ description: "Digest encoding", choices: ["hex", "base64url"], default: "hex" }) encoding: string,
  ): Promise<string> {
    // A careless debug line: tsc-cog replaces the key with ********** before it reaches the terminal.
    console.log(`signing ${text.length} characters with key ${key.getSecretValue()}`);
    const digest = createHmac("sha256", key.getSecretValue())
      .update(text)
      .digest(encoding as "hex" | "base64url");
    return `${text}.${digest}`;
  }
}
