/**
 * A queue one consumer reads as an async iterable: items pushed before or while it reads arrive in
 * order, taken in O(1); {@link AsyncQueue.end} finishes it after what was pushed, or fails it with an
 * error. Pushing after the end is ignored.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  #items: T[] = [];
  #head = 0;
  #wake: (() => void) | undefined;
  #ended = false;
  #error: unknown;
  #failed = false;

  push(item: T): void {
    if (this.#ended) return;
    this.#items.push(item);
    this.#notify();
  }

  /** No more items; with an error, the reader gets it after the items already pushed. */
  end(...error: [] | [unknown]): void {
    if (this.#ended) return;
    this.#ended = true;
    if (error.length > 0) {
      this.#failed = true;
      this.#error = error[0];
    }
    this.#notify();
  }

  get ended(): boolean {
    return this.#ended;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      while (this.#head < this.#items.length) {
        const item = this.#items[this.#head];
        this.#items[this.#head++] = undefined as T;
        yield item;
      }
      this.#items = [];
      this.#head = 0;
      if (this.#ended) {
        if (this.#failed) throw this.#error;
        return;
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
