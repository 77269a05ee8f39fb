import { createHash, timingSafeEqual } from "node:crypto";
import { MetadataKeys } from "../metadata/keys.js";

/**
 * Node's `util.inspect.custom`: a registered symbol, named here rather than imported from node:util so
 * that the SDK's published types need no `@types/node`.
 */
const INSPECT_CUSTOM: unique symbol = Symbol.for("nodejs.util.inspect.custom");

/** What every rendering of a Secret shows: one constant for every value, empty or not. */
export const SECRET_MASK = "**********";

/**
 * A string that must not be shown. The value lives in a `#private` field; `getSecretValue()` is
 * the only way out. Every stringification — `String(s)`, templates, `JSON.stringify`, `util.inspect`,
 * `console.log` — shows {@link SECRET_MASK}, whatever the value (so its length is not revealed).
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    if (typeof value !== "string") {
      throw new TypeError(`Secret expects a string value, got ${value === null ? "null" : typeof value}`);
    }
    this.#value = value;
    Object.freeze(this);
  }

  /** The secret value itself. Call it only where the value is used, never to print or log it. */
  getSecretValue(): string {
    return this.#value;
  }

  /** Alias of {@link Secret.getSecretValue}, the name Cog's Python `Secret` uses. */
  get_secret_value(): string {
    return this.#value;
  }

  /** Constant-time comparison with another Secret or a string (the time does not depend on where they differ). */
  equals(other: Secret | string): boolean {
    const theirs = isSecret(other) ? other.getSecretValue() : String(other);
    // Hash both sides so that inputs of different lengths also compare in constant time.
    const a = createHash("sha256").update(this.#value).digest();
    const b = createHash("sha256").update(theirs).digest();
    return timingSafeEqual(a, b);
  }

  /** Always {@link SECRET_MASK}. */
  toString(): string {
    return SECRET_MASK;
  }

  /** Always {@link SECRET_MASK}: `JSON.stringify` never reveals the value. */
  toJSON(): string {
    return SECRET_MASK;
  }

  /** Always {@link SECRET_MASK}, also as a number hint (so `s + ""` is masked). */
  [Symbol.toPrimitive](): string {
    return SECRET_MASK;
  }

  /** `util.inspect` and `console.log` render `Secret(**********)`. */
  [INSPECT_CUSTOM](): string {
    return `Secret(${SECRET_MASK})`;
  }

  get [Symbol.toStringTag](): string {
    return "Secret";
  }

  static {
    Object.defineProperty(Secret.prototype, MetadataKeys.secretBrand, { value: true });
    Object.freeze(Secret.prototype);
  }
}

/** True when `value` is a Secret, also one made by another copy of the SDK. */
export function isSecret(value: unknown): value is Secret {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MetadataKeys.secretBrand] === true;
}
