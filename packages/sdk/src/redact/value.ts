import { isSecret, SECRET_MASK } from "../secret/secret.js";

/** How {@link redactDeep} scrubs the leaves it reaches. */
export interface LeafScrubbers {
  /** Scrubs a string (also object keys, error messages and stacks). */
  text(value: string): string;
  /** Scrubs bytes (UTF-8 or not). */
  bytes(bytes: Buffer): Buffer;
}

/**
 * A scrubbed deep copy of `value`; the input is never modified and cycles are kept as cycles.
 * Strings, object keys, numbers whose digits are a secret, Secrets, Errors (message, stack, cause and
 * every other own property, class kept), arrays, Maps, Sets, Buffers and Uint8Arrays, URLs and Dates
 * are copied; other objects become objects with the same prototype and their own enumerable
 * properties scrubbed. Objects whose state lives only in internal slots or `#private` fields —
 * RegExps, Promises, WeakMaps, other typed arrays — are returned as they are.
 */
export function redactDeep(value: unknown, scrub: LeafScrubbers): unknown {
  const copies = new Map<object, unknown>();
  const copy = (item: unknown): unknown => {
    if (typeof item === "string") return scrub.text(item);
    if (typeof item === "number" || typeof item === "bigint") {
      const digits = String(item);
      return scrub.text(digits) === digits ? item : SECRET_MASK;
    }
    if (typeof item !== "object" || item === null) return item;
    if (copies.has(item)) return copies.get(item);
    const remember = <T>(result: T): T => {
      copies.set(item, result);
      return result;
    };
    if (isSecret(item)) return remember(SECRET_MASK);
    if (item instanceof String) return remember(scrub.text(item.valueOf()));
    if (item instanceof Date) return remember(new Date(item.getTime()));
    if (item instanceof URL) return remember(scrubUrl(item, scrub));
    if (item instanceof Uint8Array) {
      const bytes = Buffer.from(scrub.bytes(Buffer.from(item.buffer, item.byteOffset, item.byteLength)));
      return remember(Buffer.isBuffer(item) ? bytes : new Uint8Array(bytes));
    }
    if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer || item instanceof RegExp || item instanceof Promise) return item;
    if (item instanceof WeakMap || item instanceof WeakSet) return item;
    if (Array.isArray(item)) {
      const array = remember(new Array<unknown>(item.length));
      for (let i = 0; i < item.length; i++) array[i] = copy(item[i]);
      return array;
    }
    if (item instanceof Map) {
      const map = remember(new Map<unknown, unknown>());
      for (const [key, entry] of item) map.set(copy(key), copy(entry));
      return map;
    }
    if (item instanceof Set) {
      const set = remember(new Set<unknown>());
      for (const entry of item) set.add(copy(entry));
      return set;
    }
    if (item instanceof Error) {
      // A real Error keeps the engine's error brand, so util.inspect still prints it as an error.
      const error = remember(Object.setPrototypeOf(new Error(), Object.getPrototypeOf(item)) as Error);
      for (const key of Reflect.ownKeys(error)) Reflect.deleteProperty(error, key);
      copyProperties(item, error, false);
      return error;
    }
    const object = remember(Object.create(Object.getPrototypeOf(item)) as object);
    copyProperties(item, object, true);
    return object;
  };
  /** Copies own properties scrubbed, as data properties (so a `__proto__` key stays a plain key). */
  const copyProperties = (from: object, to: object, onlyEnumerable: boolean): void => {
    for (const key of Reflect.ownKeys(from)) {
      const enumerable = Object.prototype.propertyIsEnumerable.call(from, key);
      if (onlyEnumerable && !enumerable) continue;
      // Two keys that scrub to the same text collide; the later one wins, as in an object literal.
      const name = typeof key === "string" ? scrub.text(key) : key;
      Object.defineProperty(to, name, { value: copy(Reflect.get(from, key)), enumerable, writable: true, configurable: true });
    }
  };
  return copy(value);
}

/** A URL with its text scrubbed, or the scrubbed text itself if the mask makes it unparseable. */
function scrubUrl(url: URL, scrub: LeafScrubbers): URL | string {
  const href = scrub.text(url.href);
  if (href === url.href) return new URL(href);
  return URL.canParse(href) ? new URL(href) : href;
}
