export { type RunningServer, type ServerOptions, startServer } from "./server/start-server.js";
export type { HealthStatus } from "./workers/slot-pool.js";
