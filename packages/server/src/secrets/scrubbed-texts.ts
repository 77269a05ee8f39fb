import type { Redactor } from "@tsc-cog/sdk/engine";

/** How many rendered texts are remembered at most (one per prediction answered at about the same time). */
const MAX_REMEMBERED = 256;

/** How many UTF-16 units they may hold together: bodies never sent (webhooks, events) are only held this long. */
const MAX_UNITS = 4 * 1024 * 1024;

/**
 * The response bodies the server has just rendered and scrubbed, with the redactor and the number of
 * secrets it held then, so that sending one does not scrub it a second time: a body is passed as
 * scrubbed only by the same redactor with the same secrets (a redactor only ever gains secrets; one
 * that loses some is a new redactor), and only when scrubbing twice cannot differ from scrubbing once
 * (see `Redactor.scrubIsIdempotent`). Each body is passed at most once; anything else is scrubbed again.
 */
export class ScrubbedTexts {
  readonly #texts = new Map<string, { readonly redactor: Redactor; readonly size: number }>();
  #units = 0;

  /** `text` was just scrubbed by `redactor`. */
  remember(text: string, redactor: Redactor): void {
    if (!redactor.scrubIsIdempotent || text.length > MAX_UNITS) return;
    this.#forget(text);
    while (this.#texts.size >= MAX_REMEMBERED || this.#units + text.length > MAX_UNITS)
      this.#forget(this.#texts.keys().next().value as string);
    this.#texts.set(text, { redactor, size: redactor.size });
    this.#units += text.length;
  }

  /** True when `text` was scrubbed by `redactor` and no secret was added to it since (and forgets it). */
  take(text: string, redactor: Redactor): boolean {
    const scrubbed = this.#texts.get(text);
    if (scrubbed === undefined) return false;
    this.#forget(text);
    return scrubbed.redactor === redactor && scrubbed.size === redactor.size;
  }

  #forget(text: string): void {
    if (this.#texts.delete(text)) this.#units -= text.length;
  }
}
