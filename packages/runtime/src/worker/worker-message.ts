import type { WorkerMessage } from "./protocol.js";

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === "string";
const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);
const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";
const isNumber = (value: unknown): value is number => typeof value === "number";
const isWireError = (value: unknown) => isObject(value) && isString(value.name) && isString(value.message);
const every = (value: unknown, check: (item: unknown) => boolean) => Array.isArray(value) && value.every(check);

const BASES = new Set(["string", "integer", "number", "boolean", "path", "secret", "object"]);
const isMember = (t: unknown) => isObject(t) && isString(t.base) && BASES.has(t.base) && isBoolean(t.list);
const isInputType = (t: unknown) => isMember(t) || (isObject(t) && t.base === "union" && t.list === false && every(t.members, isMember));
/** An input's or a field's name: a parameter's or a property's, which may be any string (`"my-field"`). */
const isName = (value: unknown) => isString(value) && value !== "";

const isInputSpec = (i: unknown) =>
  isObject(i) &&
  isName(i.name) &&
  isNumber(i.order) &&
  isInputType(i.type) &&
  isBoolean(i.nullable) &&
  isBoolean(i.required) &&
  isBoolean(i.hasDefault) &&
  optional(i.description, isString) &&
  // A bound JSON could not carry (`Infinity`) arrives as null, and is let through as it always was.
  ["ge", "le", "minLength", "maxLength"].every((key) => i[key] === null || optional(i[key], isNumber)) &&
  optional(i.regex, isString) &&
  optional(i.choices, (choices) => every(choices, (c) => isString(c) || isNumber(c))) &&
  optional(i.deprecated, isBoolean) &&
  optional(i.accept, isString) &&
  isObject(i.origin);

const isField = (f: unknown) =>
  isObject(f) && isName(f.name) && isInputType(f.type) && isBoolean(f.nullable) && optional(f.description, isString);

const isShape = (s: unknown) =>
  isObject(s) &&
  (s.kind === "any" ||
    (s.kind === "type" && isInputType(s.type)) ||
    (s.kind === "object" && every(s.fields, isField) && isBoolean(s.list)));

/**
 * A predictor's description: every field the parent reads, of the kind it expects, so that neither
 * validation, the schema nor a message built from it trips over a forged one. (Its texts are still
 * the predictor's: whatever is shown from them is scrubbed.)
 */
const isWireSpec = (s: unknown) =>
  isObject(s) &&
  isString(s.className) &&
  every(s.inputs, isInputSpec) &&
  isObject(s.output) &&
  isShape(s.output.shape) &&
  isBoolean(s.output.iterator) &&
  isBoolean(s.output.concatenate) &&
  optional(s.output.streaming, isBoolean) &&
  isBoolean(s.hasInputClass) &&
  isNumber(s.maxConcurrency) &&
  isBoolean(s.isAsync);

/** What each message type must hold, for the parent to handle it without tripping over it. */
const SHAPES: Readonly<Record<WorkerMessage["type"], (message: Fields) => boolean>> = {
  spec: (m) => isWireSpec(m.spec),
  "load-failed": (m) => isWireError(m.error),
  "setup-done": () => true,
  "setup-failed": (m) => isWireError(m.error),
  output: (m) => isString(m.id),
  log: (m) => isString(m.id) && isString(m.bytes),
  done: (m) => isString(m.id) && optional(m.metrics, isObject),
  failed: (m) => isString(m.id) && isWireError(m.error) && optional(m.metrics, isObject),
  "healthcheck-result": (m) => typeof m.id === "number" && optional(m.error, isString),
  invalid: (m) => isString(m.id) && every(m.issues, (i) => isObject(i) && [i.code, i.input, i.detail, i.message].every(isString)),
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
