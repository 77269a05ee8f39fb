/**
 * A one-line spinner on stderr while something slow runs (setup). Only on a TTY; elsewhere it
 * prints nothing, so piped stderr stays clean.
 */
export class StatusLine {
  readonly #stream: NodeJS.WriteStream;
  readonly #enabled: boolean;
  #timer: NodeJS.Timeout | undefined;
  #frame = 0;

  constructor(stream: NodeJS.WriteStream = process.stderr, enabled = stream.isTTY === true) {
    this.#stream = stream;
    this.#enabled = enabled;
  }

  /** Shows `text` with a spinner until {@link stop}. */
  start(text: string): void {
    if (!this.#enabled) return;
    const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    const started = Date.now();
    const draw = () => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      this.#stream.write(`\r\x1b[2K${frames[this.#frame++ % frames.length]} ${text} (${seconds}s)`);
    };
    draw();
    this.#timer = setInterval(draw, 100);
    this.#timer.unref();
  }

  /** Clears the line so that logs printed next start on a clean line. */
  clear(): void {
    if (this.#enabled && this.#timer) this.#stream.write("\r\x1b[2K");
  }

  /** Stops and clears the spinner. */
  stop(): void {
    if (!this.#timer) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#stream.write("\r\x1b[2K");
  }
}
