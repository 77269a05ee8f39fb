/**
 * `AbortSignal` as the program compiling against the SDK declares it: Node's (`@types/node`) or the
 * DOM's when either is loaded — so `currentScope().signal` can be handed to `fetch` — otherwise the
 * members a predictor reads. The SDK's published types thereby need no `@types/node`.
 */
export type AbortSignalLike = typeof globalThis extends { AbortSignal: { prototype: infer Signal } } ? Signal : BareAbortSignal;

/** The part of `AbortSignal` a predictor uses, for programs that declare no `AbortSignal` of their own. */
export interface BareAbortSignal {
  /** True once the prediction was canceled. */
  readonly aborted: boolean;
  /** Why it was aborted (`undefined` while it is not). */
  readonly reason: unknown;
  /** Throws {@link BareAbortSignal.reason} when aborted. */
  throwIfAborted(): void;
  addEventListener(type: "abort", listener: () => void, options?: { readonly once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}
