// fast-check arbitraries shared by the fuzz tests.
import fc from "fast-check";

/** One lone UTF-16 surrogate: not valid Unicode, but a JavaScript string can hold it. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Characters that command-line and input parsers treat specially. */
const special = fc.constantFrom("=", '"', "'", "@", "-", ":", "[", "]", "{", "}", ",", " ", "\n", "\r", "\t", "\0", "\\", "$");

/**
 * Strings a user (or an attacker) might type: printable ASCII, any code point, lone surrogates and
 * the characters parsers treat specially, up to 40 units long.
 */
export const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.oneof(special, loneSurrogate, fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), maxLength: 40 }),
);
