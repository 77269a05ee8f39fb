import type { WorkerMessage } from "./protocol.js";

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === "string";
const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);
const isWireError = (value: unknown) => isObject(value) && isString(value.name) && isString(value.message);

/** What each message type must hold, for the parent to handle it without tripping over it. */
const SHAPES: Readonly<Record<WorkerMessage["type"], (message: Fields) => boolean>> = {
  spec: (m) => isObject(m.spec) && Array.isArray(m.spec.inputs) && isObject(m.spec.output),
  "load-failed": (m) => isWireError(m.error),
  "setup-done": () => true,
  "setup-failed": (m) => isWireError(m.error),
  output: (m) => isString(m.id),
  log: (m) => isString(m.id) && isString(m.bytes),
  done: (m) => isString(m.id) && optional(m.metrics, isObject),
  failed: (m) => isString(m.id) && isWireError(m.error) && optional(m.metrics, isObject),
  "healthcheck-result": (m) => typeof m.id === "number" && optional(m.error, isString),
  invalid: (m) => isString(m.id) && Array.isArray(m.issues),
  "late-error": (m) => isWireError(m.error),
};

/**
 * True when `message`, as it came over the IPC channel, is one of the protocol's. The channel is the
 * worker's, so the predictor can write to it too (`process.send`): anything else — a string, a message
 * of no known type, a field of the wrong kind — must not be handled, because handling it could throw,
 * and an error thrown there would reach the terminal or the server's log unredacted (it may quote the
 * message, which may hold a secret).
 */
export function isWorkerMessage(message: unknown): message is WorkerMessage {
  if (!isObject(message) || !isString(message.type) || !Object.hasOwn(SHAPES, message.type)) return false;
  return SHAPES[message.type as WorkerMessage["type"]](message);
}
