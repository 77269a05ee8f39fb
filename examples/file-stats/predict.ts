import { readFile } from "node:fs/promises";
import { BasePredictor, Field, Input, Int, Output, Path } from "@tsc-cog/sdk";

/** What the predictor reports about a file. */
export class FileStats {
  @Field({ description: "The file's name" }) name!: string;
  @Field({ type: Int }) bytes!: number;
  @Field({ type: Int }) lines!: number;
  @Field({ type: Int }) words!: number;
  @Field({ description: "The most frequent word, if any", nullable: true }) top_word!: string | null;
}

/** A Path in, structured JSON out. */
export class Predictor extends BasePredictor {
  @Output(FileStats)
  async predict(
    @Input({ description: "A text file", accept: "text/*,.md,.txt,.csv" }) file: Path,
    @Input({ description: "Count words case-insensitively", default: true }) ignore_case: boolean,
  ): Promise<FileStats> {
    const text = await readFile(file.path, "utf8");
    const words = text
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => (ignore_case ? w.toLowerCase() : w));
    const counts = new Map<string, number>();
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    return {
      name: file.name,
      bytes: Buffer.byteLength(text),
      lines: text === "" ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0),
      words: words.length,
      top_word: top ? top[0] : null,
    };
  }
}
