import { Chalk, type ChalkInstance } from "chalk";

/**
 * The colours of one run: on only when stderr is a TTY, and never with `NO_COLOR` (any value) or
 * `--no-color`. chalk ignores NO_COLOR itself, so the level is set here.
 */
export function createStyle(options: { color?: boolean; env?: NodeJS.ProcessEnv; stream?: NodeJS.WriteStream }): ChalkInstance {
  const env = options.env ?? process.env;
  const stream = options.stream ?? process.stderr;
  const wanted = options.color !== false && env.NO_COLOR === undefined && stream.isTTY === true;
  return new Chalk({ level: wanted ? 1 : 0 });
}
