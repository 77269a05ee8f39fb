import type { Units } from "./matcher.js";

/**
 * How many units at the end of `units` start a character that is not complete yet, so that a stream
 * can hold them back instead of cutting the character in two across output chunks.
 */
export type IncompleteTail = (units: Units) => number;

/**
 * For UTF-8 bytes: the length of a trailing multi-byte sequence that is valid so far but incomplete
 * (1–3), or 0. Invalid bytes are never held: they pass through as they are.
 */
export const incompleteUtf8Tail: IncompleteTail = (bytes) => {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const byte = bytes[n - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const needed = byte >= 0xf0 && byte <= 0xf4 ? 4 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xc2 && byte <= 0xdf ? 2 : 1;
    return needed > back && isValidStart(byte, back > 1 ? bytes[n - back + 1] : -1) ? back : 0;
  }
  return 0;
};

/** Whether a lead byte and its first continuation (or -1 when there is none yet) can still form a valid character. */
function isValidStart(lead: number, second: number): boolean {
  if (second === -1) return true;
  // The ranges of RFC 3629 §4 that exclude overlong forms, surrogates and code points above U+10FFFF.
  if (lead === 0xe0) return second >= 0xa0;
  if (lead === 0xed) return second <= 0x9f;
  if (lead === 0xf0) return second >= 0x90;
  if (lead === 0xf4) return second <= 0x8f;
  return true;
}

/** For UTF-16 code units: 1 when they end with the high half of a surrogate pair, else 0. */
export const incompleteUtf16Tail: IncompleteTail = (units) => {
  const last = units.length === 0 ? 0 : units[units.length - 1];
  return last >= 0xd800 && last <= 0xdbff ? 1 : 0;
};
