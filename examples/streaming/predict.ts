import { BasePredictor, Input, Int, Output } from "@tsc-cog/sdk";

/** An async generator: each token is printed as soon as it is produced. */
export class Predictor extends BasePredictor {
  @Output({ concatenate: true })
  async *predict(
    @Input({ description: "Text to stream back word by word" }) text: string,
    @Input({ description: "Milliseconds between words", type: Int, default: 50, ge: 0, le: 2000 }) delay_ms: number,
  ): AsyncGenerator<string> {
    const words = text.split(/(\s+)/).filter(Boolean);
    for (const word of words) {
      await new Promise((resolve) => setTimeout(resolve, delay_ms));
      yield word;
    }
  }
}
