import { inspect } from "node:util";

/**
 * Secrets shorter than this many characters (code points) are not scrubbed out of longer text:
 * replacing every occurrence of a 4-digit pin would mangle ordinary output. Only a whole value
 * equal to such a secret is replaced, and the redactor warns about it.
 */
export const MIN_STREAM_SECRET_LENGTH = 6;

/**
 * Every encoded form in which `value` may show up in output, longest first, without duplicates:
 * the raw value; its JSON string body; `encodeURIComponent` and form-encoding (`+` for spaces);
 * base64 and base64url at the three byte alignments it can have inside a longer base64 string;
 * its `util.inspect` renderings (what `console.log({ token })` prints; see {@link inspectForms});
 * and each line of a multi-line value (lines of at least {@link MIN_STREAM_SECRET_LENGTH} characters,
 * also trimmed and escaped). Forms may be shorter than the value only for the lines and for very
 * short values.
 */
export function secretForms(value: string): string[] {
  const forms = new Set<string>([value, ...escapedForms(value)]);
  for (const form of base64Forms(value)) forms.add(form);
  const lines = value.split(/\r\n|\r|\n/);
  if (lines.length > 1) {
    for (const line of lines) {
      for (const candidate of [line, line.trim()]) {
        if ([...candidate].length < MIN_STREAM_SECRET_LENGTH) continue;
        forms.add(candidate);
        for (const form of escapedForms(candidate)) forms.add(form);
      }
    }
  }
  forms.delete("");
  return [...forms].sort((a, b) => b.length - a.length);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * True when `text` holds a lone UTF-16 surrogate (JSON can carry one: `"\ud800"`). Such a value is not
 * Unicode text: printed, it turns into U+FFFD, so no real credential holds one. The CLI and the server
 * refuse it as a secret rather than guess at what form it would leak in.
 */
export function hasLoneSurrogate(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(text);
}

/** The JSON, URL and `util.inspect` renderings of a string, each without its quotes. */
function escapedForms(value: string): string[] {
  // encodeURIComponent throws on a lone surrogate; printed as UTF-8 such a value becomes U+FFFD anyway.
  const uri = encodeURIComponent(value.replace(LONE_SURROGATE, "\uFFFD"));
  return [
    JSON.stringify(value).slice(1, -1),
    uri,
    uri.replaceAll("%20", "+"),
    // WHATWG form encoding also escapes ! ' ( ) ~, which encodeURIComponent leaves alone.
    new URLSearchParams([["", value]]).toString().slice(1),
    ...inspectForms(value),
  ];
}

/** util.inspect settings that print a string whole, as one quoted literal, however long it is. */
const WHOLE_STRING = { breakLength: Number.POSITIVE_INFINITY, maxStringLength: Number.POSITIVE_INFINITY, colors: false };
/** A prefix holding all three quote kinds, which makes util.inspect single-quote a string and escape its `'`. */
const ALL_QUOTES = `"\`'`;

/**
 * What util.inspect (Node 20, 22, 24) prints for `value` between the quotes of a string literal —
 * computed by asking util.inspect, so the running Node's own rules apply. Each UTF-16 unit is escaped
 * on its own, whatever surrounds it: a backslash is doubled; \b \t \n \f \r keep their short
 * escapes; other C0 controls, DEL and the C1 controls become `\xHH`; a lone surrogate becomes `\uhhhh`
 * (the CLI and the server refuse such a secret; see {@link hasLoneSurrogate}). Only the single quote
 * depends on the literal around the value: inspect quotes with ', else " when the string holds a ',
 * else ` when it also holds a " (and no ` or `${`), else ' again, escaping each ' as `\'`; a Symbol
 * key's description always gets `\'`. A string holding the value decides that, so a value with a `'`
 * has two forms, its ' raw and escaped; any other value has one. Strings, object keys, Map and Set
 * entries, array items, Error properties and Symbol keys all use these escapes, nested or not.
 *
 * What inspect does to long strings:
 * - A string holding `\n` that does not fit the line (`breakLength`) is printed as one quoted piece
 *   per line, `'…\n' +`; each piece is escaped like a whole string, so a multi-line secret is caught
 *   through its lines (forms of their own, both escapings): a line shorter than
 *   {@link MIN_STREAM_SECRET_LENGTH} characters is not, as everywhere else.
 * - A string longer than `maxStringLength` (10,000 by default) is cut there and ends in
 *   `'... N more characters`. A secret wholly before the cut is caught; one wholly after it is not
 *   printed at all; one that straddles the cut leaves its beginning in the output, which is not
 *   caught (that would take a form for every prefix of the value).
 */
function inspectForms(value: string): string[] {
  const natural = inspect(value, WHOLE_STRING).slice(1, -1);
  if (!value.includes("'")) return [natural];
  // Single-quoted with every ' escaped: the form inspect uses when the string around the value also
  // holds " and `, and for a Symbol key. `natural` is the other form when the value allows one.
  const prefix = inspect(ALL_QUOTES, WHOLE_STRING).slice(1, -1);
  const forced = inspect(ALL_QUOTES + value, WHOLE_STRING).slice(1, -1);
  return forced.startsWith(prefix) ? [natural, forced.slice(prefix.length)] : [natural];
}

/**
 * The base64 and base64url characters that depend only on the value's bytes, for the value placed
 * after 0, 1 and 2 bytes of other data. A base64 digit covers 6 bits, so for offset k the digits
 * from ceil(8k/6) to floor(8(k+n)/6) are the same whatever surrounds the value; the ones around
 * them also carry neighbouring bits and are dropped (the trick CI log maskers use).
 */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]);
    const start = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    if (end <= start) continue;
    forms.push(shifted.toString("base64").slice(start, end), shifted.toString("base64url").slice(start, end));
  }
  return forms;
}
