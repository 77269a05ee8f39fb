import { BasePredictor, Input, Output } from "@tsc-cog/sdk";

/** The smallest predictor: a string in, a string out. */
export class Predictor extends BasePredictor {
  @Output(String)
  async predict(@Input({ description: "Who to greet" }) name: string): Promise<string> {
    return `hello ${name}`;
  }
}
