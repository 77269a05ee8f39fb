import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { secretForms } from "@tsc-cog/sdk/engine";

/**
 * The leak tests' canary secret: URL- and JSON-special characters (`+/=&?"\`) and a non-ASCII letter,
 * so that each encoded form differs from the raw value.
 */
export const CANARY = 'tsc-cog-CANARY-9f8e7d6c5b4a+/=&?"\\é';

/** Windows of the raw value at least this long count as a leak (a value printed in two pieces). */
export const LEAK_WINDOW = 12;

/**
 * Every form of `secret` a leak could take: the redaction engine's own list (`secretForms`) plus
 * forms computed here independently, so the tests do not only trust the engine: the JSON string body,
 * `encodeURIComponent`, form encoding, `util.inspect`'s body, and base64/base64url of the value at
 * byte offsets 0, 1 and 2 of a longer encoded text (the characters that depend only on the value).
 */
export function canaryForms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const independent = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ k: secret }).toString().slice(2),
    inspect(secret).slice(1, -1),
    bytes.toString("base64").replace(/=+$/, ""),
    bytes.toString("base64url"),
  ];
  for (const offset of [1, 2]) {
    const shifted = Buffer.concat([Buffer.from("xy".slice(0, offset)), bytes, Buffer.from("zz")]);
    // The first 3 and last 6 characters (padding included) also encode neighbouring bytes: keep the middle.
    independent.push(shifted.toString("base64").slice(3, -6), shifted.toString("base64url").slice(3, -6));
  }
  return [...new Set([...secretForms(secret), ...independent])].filter((form) => form.length >= 6);
}

/** One place where a secret showed up. */
export interface Leak {
  readonly where: string;
  readonly form: string;
  readonly context: string;
}

/**
 * Finds every form of each secret (see {@link canaryForms}) and every {@link LEAK_WINDOW}-character
 * piece of its raw value in each named text (`{ stdout, stderr, "output.txt": … }`). Each is also
 * looked for as its UTF-8 bytes read as latin1, as {@link textsUnder} reads files.
 */
export function findLeaks(texts: Readonly<Record<string, string>>, secrets: readonly string[]): Leak[] {
  const leaks: Leak[] = [];
  for (const secret of secrets) {
    const needles = new Set(canaryForms(secret));
    for (let i = 0; i + LEAK_WINDOW <= secret.length; i++) needles.add(secret.slice(i, i + LEAK_WINDOW));
    for (const [where, text] of Object.entries(texts)) {
      for (const form of needles) {
        const asBytes = Buffer.from(form, "utf8").toString("latin1");
        const found = [form, asBytes].map((needle) => ({ needle, at: text.indexOf(needle) })).find(({ at }) => at >= 0);
        if (found) {
          const { needle, at } = found;
          leaks.push({ where, form, context: text.slice(Math.max(0, at - 40), at + needle.length + 40) });
        }
      }
    }
  }
  return leaks;
}

/** Throws, listing each leak (and what `label` names), when {@link findLeaks} finds any. */
export function assertNoLeaks(texts: Readonly<Record<string, string>>, secrets: readonly string[], label = "secret"): void {
  const leaks = findLeaks(texts, secrets);
  if (leaks.length === 0) return;
  const lines = leaks.map((leak) => `- in ${leak.where}: ${JSON.stringify(leak.form)} in …${JSON.stringify(leak.context)}…`);
  throw new Error(`${label} leaked ${leaks.length} time(s):\n${lines.join("\n")}`);
}

/**
 * Every file under `dir`, recursively (folders named in `skip` left out), by path, for {@link findLeaks}. Read as latin1 (one character
 * per byte), so that a form is found whatever the encoding of the text around it.
 */
export function textsUnder(dir: string, skip: readonly string[] = []): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (skip.includes(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(texts, textsUnder(path, skip));
    else texts[path] = readFileSync(path, "latin1");
  }
  return texts;
}

/** How the secrets fixtures report a secret without printing it: its length in characters and a SHA-256 prefix. */
export function fingerprint(value: string): string {
  return `${[...value].length}:${createHash("sha256").update(value).digest("hex").slice(0, 16)}`;
}
