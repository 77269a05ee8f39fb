// How the text of a field becomes the JSON value sent as its input. Pure (no DOM): tested in Node.
import type { FieldSpec, ItemType } from "./schema-fields.js";

/** A field's value, or why its text is not one (shown next to the field). */
export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

const ok = (value: unknown): Parsed => ({ ok: true, value });
const fail = (message: string): Parsed => ({ ok: false, message });

function parseJson(text: string): Parsed {
  try {
    return ok(JSON.parse(text));
  } catch {
    return fail("is not valid JSON");
  }
}

function parseNumber(text: string, integer: boolean): Parsed {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === "" || !Number.isFinite(value)) return fail(`"${trimmed}" is not a number`);
  if (integer && !Number.isInteger(value)) return fail(`"${trimmed}" is not a whole number`);
  return ok(value);
}

/** One line of a list, read as its item type. */
export function parseItem(text: string, type: ItemType): Parsed {
  switch (type) {
    case "string":
      return ok(text);
    case "integer":
    case "number":
      return parseNumber(text, type === "integer");
    case "boolean": {
      const word = text.trim().toLowerCase();
      if (word === "true" || word === "false") return ok(word === "true");
      return fail(`"${text.trim()}" is not true or false`);
    }
    case "json": {
      const parsed = parseJson(text);
      return parsed.ok ? parsed : ok(text);
    }
  }
}

/**
 * A list's text: a JSON array when it is one (`["a, b", "c"]`), else one value per line (blank lines
 * skipped), each read as the item type.
 */
export function parseList(text: string, type: ItemType): Parsed {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    const parsed = parseJson(trimmed);
    if (parsed.ok && Array.isArray(parsed.value)) return parsed;
  }
  const values: unknown[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    const item = parseItem(type === "string" ? line : line.trim(), type);
    if (!item.ok) return fail(`line ${index + 1}: ${item.message}`);
    values.push(item.value);
  }
  return ok(values);
}

/**
 * The value of a text-like field (text, integer, number, list, json, secret, secret-list). A union
 * (`json`) is JSON when the text parses (`1` is a number, `"1"` a string), else the text itself when a
 * string is one of its types.
 */
export function parseFieldText(field: FieldSpec, text: string): Parsed {
  switch (field.kind) {
    case "integer":
    case "number":
      return parseNumber(text, field.kind === "integer");
    case "list":
      return parseList(text, field.itemType ?? "json");
    case "secret-list": {
      if (text.trim().startsWith("[")) {
        const parsed = parseJson(text.trim());
        if (parsed.ok && Array.isArray(parsed.value)) return parsed;
      }
      return ok([text]);
    }
    case "json": {
      const parsed = parseJson(text);
      if (parsed.ok || !field.acceptsString) return parsed;
      return ok(text);
    }
    default:
      return ok(text);
  }
}

/** The text a field starts with for its default value (empty without one). */
export function defaultText(field: FieldSpec): string {
  if (!field.hasDefault || field.default === null || field.default === undefined) return "";
  const value = field.default;
  if (field.kind === "list" && Array.isArray(value)) {
    const simple = value.every((item) => typeof item !== "object" && !(typeof item === "string" && item.includes("\n")));
    return simple ? value.map(String).join("\n") : JSON.stringify(value);
  }
  if (field.kind === "json") return JSON.stringify(value);
  return String(value);
}
