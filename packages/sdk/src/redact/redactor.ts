import { SECRET_MASK } from "../secret/secret.js";
import { type IncompleteTail, incompleteUtf8Tail, incompleteUtf16Tail } from "./boundary.js";
import { ByteRedactor } from "./byte-redactor.js";
import { MIN_STREAM_SECRET_LENGTH, secretForms } from "./forms.js";
import { FormMatcher, type Units } from "./matcher.js";
import { type ScrubEngine, StreamScrubber } from "./scrubber.js";
import { RedactingStream, renderBytes } from "./stream.js";
import { TextRedactor, utf16Units } from "./text-redactor.js";
import { redactDeep } from "./value.js";

/** What a registered secret is, for the wording of warnings. */
export type SecretKind = "input" | "deployment";

/**
 * The set of secret values of one prediction, and everything that scrubs them out of what tsc-cog
 * prints, returns or serves: text, deep values and byte or text streams. Every form of each value
 * (see {@link secretForms}) becomes `**********`. Register every secret before the first byte is
 * scrubbed; output already released is not revisited. Values are kept only in private fields, so
 * printing or serialising a Redactor shows none of them.
 */
export class Redactor {
  readonly #values = new Set<string>();
  readonly #warnings: string[] = [];
  readonly #warnedLabels = new Set<string>();
  #text: ScrubEngine | undefined;
  #bytes: ScrubEngine | undefined;
  /** For {@link Redactor.redactText}'s quick exit: the shortest scrubbable form, and the short secrets. */
  #quick: { readonly shortestForm: number; readonly whole: ReadonlySet<string> } | undefined;

  /**
   * Adds a secret. `label` names it in warnings (the input or deployment secret's name) and `kind`
   * says which of the two it is. A value shorter than {@link MIN_STREAM_SECRET_LENGTH} characters is
   * replaced only where a whole text, value or stream equals it, and adds one warning per label.
   * An empty value is ignored: there is nothing to hide.
   */
  register(value: string, label: string, kind: SecretKind = "input"): void {
    if (value === "") return;
    if (isShort(value) && !this.#warnedLabels.has(label)) {
      this.#warnedLabels.add(label);
      const name = kind === "input" ? `secret input "${label}"` : `deployment secret "${label}"`;
      this.#warnings.push(
        `${name} is shorter than ${MIN_STREAM_SECRET_LENGTH} characters, so it is not scrubbed from logs or from ` +
          "longer text (that would mangle ordinary output); only an output or value exactly equal to it is replaced",
      );
    }
    if (this.#values.has(value)) return;
    this.#values.add(value);
    this.#text = undefined;
    this.#bytes = undefined;
    this.#quick = undefined;
  }

  /** One message per short secret, naming it by label, never by value; for the CLI and server to print. */
  get warnings(): readonly string[] {
    return [...this.#warnings];
  }

  /** How many distinct secret values are registered. */
  get size(): number {
    return this.#values.size;
  }

  /** True when no secret is registered, so scrubbing can be skipped. */
  get isEmpty(): boolean {
    return this.#values.size === 0;
  }

  /** `text` with every registered form replaced by `**********` (overlapping matches become one mask). */
  redactText(text: string): string {
    if (this.isEmpty) return text;
    // Most texts scrubbed one by one (keys, statuses, dates) are shorter than every form: no form can
    // be inside them, and only a short secret equal to the whole text is replaced. Nothing is copied.
    const quick = this.#quickCheck();
    if (text.length < quick.shortestForm) return quick.whole.has(text) ? SECRET_MASK : text;
    const scrubber = this.createTextScrubber();
    return scrubber.push(text) + scrubber.end();
  }

  /**
   * A scrubbed deep copy of `value` for outputs, errors and envelopes: strings, object keys and values,
   * Secrets, Errors with their stack and cause chain, Maps, Sets, Buffers; see {@link redactDeep} for
   * the details. The input is not modified. The declared type is kept although a Secret or a number
   * that is a secret comes back as the string `**********`.
   */
  redactValue<T>(value: T): T {
    const text = (units: string) => this.redactText(units);
    const bytes = (units: Buffer) => renderBytes(units, new StreamScrubber(() => this.#byteEngine()).plan(units, true).pieces);
    return redactDeep(value, { text, bytes }) as T;
  }

  /**
   * `value` as JSON (indented by `space`, as `JSON.stringify`), scrubbed: its values first (a number that
   * is a secret, a key or value equal to a short secret), then the text (a secret that spans JSON syntax).
   * With no secret registered, plain `JSON.stringify`.
   */
  redactJson(value: unknown, space?: number): string {
    if (this.isEmpty) return JSON.stringify(value, null, space);
    return this.redactText(JSON.stringify(this.redactValue(value), null, space));
  }

  /** A byte stream that scrubs what is piped through it; see {@link RedactingStream}. */
  createStream(): RedactingStream {
    return new RedactingStream(new StreamScrubber(() => this.#byteEngine()));
  }

  /** A synchronous scrubber for bytes that arrive in pieces, such as a process's output; see {@link ByteRedactor}. */
  createByteScrubber(): ByteRedactor {
    return new ByteRedactor(new StreamScrubber(() => this.#byteEngine()));
  }

  /** A scrubber for text that arrives in pieces, such as a generator's chunks; see {@link TextRedactor}. */
  createTextScrubber(): TextRedactor {
    return new TextRedactor(new StreamScrubber(() => this.#textEngine()));
  }

  /**
   * What a text shorter than every form needs: the length in UTF-16 units of the shortest form the
   * text engine scrubs inside text (`Infinity` without one), and the short secrets, replaced only where
   * a text equals one.
   */
  #quickCheck(): { readonly shortestForm: number; readonly whole: ReadonlySet<string> } {
    this.#quick ??= {
      shortestForm: this.#textEngine().matcher?.minLength ?? Number.POSITIVE_INFINITY,
      whole: new Set([...this.#values].filter(isShort)),
    };
    return this.#quick;
  }

  #textEngine(): ScrubEngine {
    this.#text ??= compile([...this.#values], utf16Units, incompleteUtf16Tail);
    return this.#text;
  }

  #byteEngine(): ScrubEngine {
    this.#bytes ??= compile([...this.#values], (text) => Buffer.from(text, "utf8"), incompleteUtf8Tail);
    return this.#bytes;
  }
}

function isShort(value: string): boolean {
  return [...value].length < MIN_STREAM_SECRET_LENGTH;
}

/** Compiles the secrets into units of one kind (`encode` turns a JavaScript string into them). */
function compile(values: string[], encode: (text: string) => Units, incompleteTail: IncompleteTail): ScrubEngine {
  const long = values.filter((value) => !isShort(value));
  const needles = [...new Set(long.flatMap(secretForms))].filter((form) => !isShort(form));
  return {
    matcher: needles.length === 0 ? undefined : new FormMatcher(needles.map(encode)),
    wholeOnly: values.filter(isShort).map(encode),
    incompleteTail,
  };
}
