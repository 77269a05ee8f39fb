import { Redactor, type SecretKind } from "@tsc-cog/sdk";

/** One secret value and the name it is known by (for warnings). */
export interface PooledSecret {
  readonly value: string;
  readonly label: string;
  readonly kind: SecretKind;
}

/** How many finished predictions' secret inputs stay registered after they end. */
const RETIRED_KEPT = 256;

/**
 * Every secret value the server must keep out of what it sends: deployment secrets and the webhook
 * token for its whole life, the secret inputs of every prediction in flight, and those of the last
 * {@link RETIRED_KEPT} finished ones (a predictor that caches one caller's token and prints it in a
 * later prediction is still scrubbed). {@link SecretPool.redactor} is rebuilt only when a value
 * leaves; adding registers into the current one, so scrubbers already handed out see new values.
 */
export class SecretPool {
  readonly #permanent: readonly PooledSecret[];
  readonly #held = new Map<string, readonly PooledSecret[]>();
  readonly #retired: string[] = [];
  readonly #warned = new Set<string>();
  #redactor: Redactor | undefined;

  constructor(permanent: readonly PooledSecret[]) {
    this.#permanent = permanent;
  }

  /** The redactor for everything sent from now on. */
  get redactor(): Redactor {
    if (!this.#redactor) {
      const redactor = new Redactor();
      for (const secret of this.#permanent) redactor.register(secret.value, secret.label, secret.kind);
      for (const secrets of this.#held.values()) for (const secret of secrets) redactor.register(secret.value, secret.label, secret.kind);
      this.#redactor = redactor;
    }
    return this.#redactor;
  }

  /** Registers the secrets of a request or prediction under `key`, before anything about it is sent. */
  hold(key: string, secrets: readonly PooledSecret[]): void {
    if (secrets.length === 0) return;
    this.#held.set(key, secrets);
    const redactor = this.redactor;
    for (const secret of secrets) redactor.register(secret.value, secret.label, secret.kind);
  }

  /** The prediction under `key` finished: keep its secrets for a while longer. */
  retire(key: string): void {
    if (!this.#held.has(key)) return;
    this.#retired.push(key);
    while (this.#retired.length > RETIRED_KEPT) this.drop(this.#retired.shift() as string);
  }

  /** Forgets the secrets under `key` now (a request that was refused: nothing ran with them). */
  drop(key: string): void {
    if (this.#held.delete(key)) this.#redactor = undefined;
  }

  /** Warnings (short secrets) not reported before: each is returned once for the server's life. */
  newWarnings(): string[] {
    const fresh = this.redactor.warnings.filter((warning) => !this.#warned.has(warning));
    for (const warning of fresh) this.#warned.add(warning);
    return fresh;
  }
}
