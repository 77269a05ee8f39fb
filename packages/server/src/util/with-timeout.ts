/**
 * `promise`, or — when it has not settled within `ms` (0 or less: no limit) — a rejection with the
 * error `onTimeout` returns (it may also stop the work, e.g. kill a process). The timer is cleared as
 * soon as the promise settles.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  if (!(ms > 0)) return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
