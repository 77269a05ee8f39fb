import { createHmac } from "node:crypto";
import { BasePredictor, Input, Output, Secret, SecretInput } from "@tsc-cog/sdk";

/**
 * Signs text with HMAC-SHA256. The signing key is a deployment secret, read once in setup(); each
 * prediction also takes a secret `nonce` that is mixed into the signature, so a signature is only
 * reproducible by someone who holds both.
 */
export class Predictor extends BasePredictor {
  private signingKey: Secret | undefined;

  override async setup(): Promise<void> {
    // Resolved before setup() runs; printing it, by mistake or not, shows **********.
    this.signingKey = this.secrets.get("signing_key");
    console.log(`loaded the signing key ${this.signingKey}`);
  }

  @Output(String)
  async predict(
    @Input({ description: "The text to sign" }) text: string,
    @SecretInput({ description: "A per-request secret mixed into the signature" }) nonce: Secret,
  ): Promise<string> {
    const key = this.signingKey?.getSecretValue() ?? "";
    return createHmac("sha256", key).update(nonce.getSecretValue()).update("\n").update(text).digest("hex");
  }
}
