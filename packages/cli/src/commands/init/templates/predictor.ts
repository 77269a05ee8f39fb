import { DEPLOYMENT_SECRET, SECRET_INPUT } from "./starter.js";

/**
 * The starter's predict.ts: signs text with an HMAC keyed by the deployment secret and takes a secret
 * input, printing both Secrets (as `**********`) so the first run shows redaction at work.
 */
export function predictorSource(): string {
  return `import { createHmac } from "node:crypto";
import { BasePredictor, Input, Output, Secret, SecretInput } from "@tsc-cog/sdk";

/**
 * Signs text with HMAC-SHA256 under the deployment secret "${DEPLOYMENT_SECRET}", for a caller who sends
 * an "${SECRET_INPUT}". Replace the body with your model: whatever is kept in a Secret stays out of logs,
 * outputs and errors.
 */
export class Predictor extends BasePredictor {
  private signingKey!: Secret;

  override async setup(): Promise<void> {
    // Deployment secrets are declared by name in cog.yaml and resolved before setup() runs.
    this.signingKey = this.secrets.get("${DEPLOYMENT_SECRET}");
    // Printing a Secret shows ********** — never its value.
    console.log(\`loaded ${DEPLOYMENT_SECRET} \${this.signingKey}\`);
  }

  @Output(String)
  async predict(
    @Input({ description: "The text to sign" }) text: string,
    @SecretInput({ description: "Your API token (pass it as env:NAME, @file or -)" }) ${SECRET_INPUT}: Secret,
  ): Promise<string> {
    // ${SECRET_INPUT}.getSecretValue() is the only way to the value: call it where the value is needed
    // (an Authorization header for an API this model calls). Printed, the Secret shows **********.
    console.log(\`signing \${text.length} characters for ${SECRET_INPUT} \${${SECRET_INPUT}}\`);
    const signature = createHmac("sha256", this.signingKey.getSecretValue()).update(text).digest("hex");
    return \`\${text}.\${signature}\`;
  }
}
`;
}
