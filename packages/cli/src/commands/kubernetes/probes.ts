/** A `/health-check` status (see `tsc-cog serve`). */
export type HealthStatus = "STARTING" | "READY" | "BUSY" | "UNHEALTHY" | "SETUP_FAILED" | "DEFUNCT";

/** Statuses that pass each probe; any other status, or no answer, fails it. */
export const PASSING_STATUSES = {
  /** Setup is over and it went well; a failed setup is left to the liveness probe, which restarts at once. */
  startup: ["READY", "BUSY", "UNHEALTHY", "SETUP_FAILED", "DEFUNCT"],
  /** Takes predictions: BUSY too, or a pod running long predictions would flap out of the Service. */
  readiness: ["READY", "BUSY"],
  /** Only a server that answers and can still work: SETUP_FAILED and DEFUNCT never recover without a restart. */
  liveness: ["STARTING", "READY", "BUSY", "UNHEALTHY"],
} as const satisfies Record<string, readonly HealthStatus[]>;

/**
 * The command of an exec probe: Node (on the image's PATH; the image has no shell) fetches
 * `/health-check` and exits 0 when the status is one of `passing`. An httpGet probe cannot be used:
 * /health-check always answers 200, the status is in the body. On failure it prints why, which
 * `kubectl describe pod` shows in the probe's event. `timeoutMs` bounds the fetch so the script ends
 * before the kubelet's own timeout and reports the cause itself.
 */
export function healthProbeCommand(port: number, passing: readonly HealthStatus[], timeoutMs: number): string[] {
  const script = [
    `fetch("http://127.0.0.1:${port}/health-check",{signal:AbortSignal.timeout(${timeoutMs})})`,
    ".then(r=>r.json())",
    `.then(b=>{if(${JSON.stringify(passing)}.includes(b.status))process.exit(0);console.log("health-check: "+b.status);process.exit(1)},`,
    `e=>{console.log("health-check: "+e.message);process.exit(1)})`,
  ].join("");
  return ["node", "-e", script];
}
