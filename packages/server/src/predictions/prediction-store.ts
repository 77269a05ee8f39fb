import type { Prediction } from "./prediction.js";

/** Limits of the {@link PredictionStore}. */
export interface StoreLimits {
  /** How long a finished prediction stays readable (default 10 minutes). */
  readonly ttlMs?: number;
  /** At most this many finished predictions are kept (default 1000). */
  readonly maxFinished?: number;
  /** At most this many bytes of finished responses (UTF-8, as kept) are kept (default 256 MiB). */
  readonly maxBytes?: number;
  /** The clock, for tests. */
  readonly now?: () => number;
}

/** What is kept of a finished prediction: its final response body, redacted when it ended. */
export interface FinishedPrediction {
  readonly json: string;
  /** The predictor's own input checks refused it (a sync request gets 422). */
  readonly invalid: boolean;
  readonly expiresAt: number;
}

/** A prediction found by id. */
export type StoredPrediction =
  | { readonly kind: "active"; readonly prediction: Prediction }
  | ({ readonly kind: "finished" } & FinishedPrediction);

/** A finished prediction as kept: its body encoded once, outside the JavaScript heap. */
interface KeptPrediction {
  readonly body: Buffer;
  readonly invalid: boolean;
  readonly expiresAt: number;
}

/**
 * The predictions a client can read back: all in flight, and finished ones for a while — bounded by
 * age, count and size, the oldest finished first out. Of a finished prediction only its final body is
 * kept (not the live object), as UTF-8 bytes in a buffer of its own: the size bound is then exact, and a
 * full store stays out of V8's heap, whose limit grows with what lives in it (a 256 MiB store of
 * strings let the server's heap, and its RSS, reach 3–4 times that before collecting its garbage).
 * Expired entries are swept on each access.
 */
export class PredictionStore {
  readonly #active = new Map<string, Prediction>();
  readonly #finished = new Map<string, KeptPrediction>();
  readonly #ttlMs: number;
  readonly #maxFinished: number;
  readonly #maxBytes: number;
  readonly #now: () => number;
  #bytes = 0;

  constructor(limits: StoreLimits = {}) {
    this.#ttlMs = limits.ttlMs ?? 10 * 60 * 1000;
    this.#maxFinished = limits.maxFinished ?? 1000;
    this.#maxBytes = limits.maxBytes ?? 256 * 1024 * 1024;
    this.#now = limits.now ?? Date.now;
  }

  /** A prediction that was just accepted. */
  add(prediction: Prediction): void {
    this.#drop(prediction.id);
    this.#active.set(prediction.id, prediction);
  }

  /** The prediction ended: keep its final body for reading back. */
  finish(prediction: Prediction, json: string): void {
    if (this.#active.get(prediction.id) === prediction) this.#active.delete(prediction.id);
    this.#drop(prediction.id);
    // A buffer of its own: a small one cut from Node's shared pool would pin the whole 8 KiB slab.
    const body = Buffer.allocUnsafeSlow(Buffer.byteLength(json));
    body.write(json);
    this.#finished.set(prediction.id, { body, invalid: prediction.invalid, expiresAt: this.#now() + this.#ttlMs });
    this.#bytes += body.length;
    this.#sweep();
  }

  /** The prediction with this id, in flight or finished and still kept. */
  get(id: string): StoredPrediction | undefined {
    const active = this.#active.get(id);
    if (active) return { kind: "active", prediction: active };
    this.#sweep();
    const kept = this.#finished.get(id);
    return kept && { kind: "finished", json: kept.body.toString("utf8"), invalid: kept.invalid, expiresAt: kept.expiresAt };
  }

  /** Every prediction in flight. */
  active(): Prediction[] {
    return [...this.#active.values()];
  }

  #drop(id: string): void {
    const old = this.#finished.get(id);
    if (!old) return;
    this.#finished.delete(id);
    this.#bytes -= old.body.length;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, entry] of this.#finished) {
      const over = this.#finished.size > this.#maxFinished || this.#bytes > this.#maxBytes;
      if (!over && entry.expiresAt > now) break;
      this.#drop(id);
    }
  }
}
