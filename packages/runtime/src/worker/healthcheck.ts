/** How long a predictor's `healthcheck()` may take (Cog's 5 s). */
export const HEALTHCHECK_TIMEOUT_MS = 5000;

const TIMED_OUT = Symbol("timed out");

/**
 * Runs the predictor's optional `healthcheck()` and says why it is unhealthy, in Cog's words
 * (`user_healthcheck_error`), or `undefined` when it is healthy: it returned anything but `false`
 * (Cog reads only a bool), or there is none. It runs alongside a prediction; a synchronous one that
 * blocks cannot be timed out here (the parent gives up after 10 s instead).
 */
export async function runHealthcheck(predictor: object | undefined): Promise<string | undefined> {
  if (!predictor) return "Predictor not initialized";
  const check = (predictor as { healthcheck?: unknown }).healthcheck;
  if (typeof check !== "function") return undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), HEALTHCHECK_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([Promise.resolve().then(() => check.call(predictor)), timeout]);
    if (result === TIMED_OUT)
      return `Healthcheck failed: user-defined healthcheck timed out after ${HEALTHCHECK_TIMEOUT_MS / 1000}.0 seconds`;
    if (result === false) return "Healthcheck failed: user-defined healthcheck returned False";
    return undefined;
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    const message = error instanceof Error ? error.message : String(error);
    return `Healthcheck failed: ${name}: ${message}`;
  } finally {
    clearTimeout(timer);
  }
}
