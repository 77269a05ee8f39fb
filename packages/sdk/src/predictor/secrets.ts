import { Secret } from "../secret/secret.js";

/** Thrown when a predictor asks for a deployment secret that cog.yaml does not declare. */
export class UndeclaredSecretError extends Error {
  constructor(name: string, declared: readonly string[]) {
    const known = declared.length > 0 ? `declared secrets are: ${declared.join(", ")}` : "cog.yaml declares no secrets";
    super(`secret "${name}" is not declared in cog.yaml (${known}); add it under secrets: as \`${name}: null\``);
    this.name = "UndeclaredSecretError";
  }
}

/**
 * The deployment secrets of a predictor: look-up only, by name. There is deliberately no way to
 * list or iterate the values (as Truss's `Secrets` mapping), so no library can dump them all.
 */
export class Secrets {
  readonly #values: ReadonlyMap<string, Secret>;

  /** @param values every declared secret, already resolved and wrapped. */
  constructor(values: ReadonlyMap<string, Secret>) {
    this.#values = values;
    Object.freeze(this);
  }

  /** The secret declared as `name` in cog.yaml. Throws {@link UndeclaredSecretError} for an undeclared name. */
  get(name: string): Secret {
    const value = this.#values.get(name);
    if (value === undefined) throw new UndeclaredSecretError(name, [...this.#values.keys()]);
    return value;
  }

  /** True when cog.yaml declares `name` (declared secrets always have a value by the time setup runs). */
  has(name: string): boolean {
    return this.#values.has(name);
  }

  toString(): string {
    return "Secrets(**********)";
  }

  toJSON(): string {
    return "Secrets(**********)";
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `Secrets(${[...this.#values.keys()].join(", ")})`;
  }
}

/** The secrets of a predictor whose cog.yaml declares none. */
export function emptySecrets(): Secrets {
  return new Secrets(new Map());
}
