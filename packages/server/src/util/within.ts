/**
 * Waits for `promise`, but no longer than `ms`: resolves `true` when it settled in time, `false`
 * otherwise. The timer is cleared as soon as the promise settles, so it never holds the process open.
 */
export function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = promise.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}
