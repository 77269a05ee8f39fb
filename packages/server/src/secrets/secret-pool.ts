import { Redactor, type SecretKind } from "@tsc-cog/sdk/engine";

/** One secret value and the name it is known by (for warnings). */
export interface PooledSecret {
  readonly value: string;
  readonly label: string;
  readonly kind: SecretKind;
}

/**
 * Every secret value the server must keep out of what it sends: deployment secrets and the webhook
 * token for its whole life, the secret inputs of every prediction in flight, and those of every
 * finished prediction for as long as the worker that ran it lives (a predictor that caches one
 * caller's token and prints it in a later prediction is still scrubbed; memory is bounded by
 * replacing workers, never by forgetting secrets). {@link SecretPool.redactor} is rebuilt only when
 * a value leaves; adding registers into the current one, so scrubbers already handed out see new values.
 */
export class SecretPool {
  readonly #permanent: readonly PooledSecret[];
  readonly #held = new Map<string, readonly PooledSecret[]>();
  /** Finished predictions' keys, by the worker that ran them. */
  readonly #byWorker = new Map<number, string[]>();
  /** Workers already gone: a prediction that finishes after its worker was replaced drops its secrets at once. */
  readonly #gone = new Set<number>();
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

  /** The prediction under `key` finished on `worker`: its secrets stay until that worker is gone. */
  retire(key: string, worker: number): void {
    if (!this.#held.has(key)) return;
    if (this.#gone.has(worker)) {
      this.drop(key);
      return;
    }
    const keys = this.#byWorker.get(worker) ?? [];
    keys.push(key);
    this.#byWorker.set(worker, keys);
  }

  /** The worker is gone (replaced): no process that saw its predictions' secrets is left. */
  forgetWorker(worker: number): void {
    for (const key of this.#byWorker.get(worker) ?? []) this.drop(key);
    this.#byWorker.delete(worker);
    this.#gone.add(worker);
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
