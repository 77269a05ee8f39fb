/// <reference lib="dom" />
// The playground form's controls, one per kind of input, and how each is read back.
import type { PickedFile } from "./curl-command.js";
import { defaultText, parseFieldText } from "./field-value.js";
import type { FieldSpec } from "./schema-fields.js";

/** A field's contribution: a value, nothing (the server's default), or why not. */
export type Reading =
  | { readonly value: unknown; readonly files?: readonly PickedFile[] }
  | { readonly omit: true }
  | { readonly issue: string };

/** The properties the form sets when it creates an element. */
export interface ElementProperties {
  readonly id?: string;
  readonly className?: string;
  readonly type?: string;
  readonly value?: string;
  readonly checked?: boolean;
  readonly selected?: boolean;
  readonly htmlFor?: string;
  readonly hidden?: boolean;
  readonly rows?: number;
  readonly multiple?: boolean;
  readonly placeholder?: string;
  readonly spellcheck?: boolean;
  readonly step?: string;
  readonly autocomplete?: AutoFill;
  readonly autocapitalize?: string;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: ElementProperties = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The hint under a field's label: description, default, bounds and how to write it. */
export function hintText(spec: FieldSpec, emptyMeansNull: boolean): string {
  const parts: string[] = [];
  if (spec.description) parts.push(/[.!?]$/.test(spec.description) ? spec.description : `${spec.description}.`);
  if (spec.kind !== "secret" && spec.kind !== "secret-list" && spec.hasDefault && spec.default !== null)
    parts.push(`Default: ${JSON.stringify(spec.default)}.`);
  if (spec.minimum !== undefined && spec.maximum !== undefined) parts.push(`From ${spec.minimum} to ${spec.maximum}.`);
  else if (spec.minimum !== undefined) parts.push(`At least ${spec.minimum}.`);
  else if (spec.maximum !== undefined) parts.push(`At most ${spec.maximum}.`);
  if (spec.minLength !== undefined) parts.push(`At least ${spec.minLength} characters.`);
  if (spec.maxLength !== undefined) parts.push(`At most ${spec.maxLength} characters.`);
  if (spec.kind === "list") parts.push("One value per line, or a JSON array.");
  if (spec.kind === "json") parts.push(spec.acceptsString ? "JSON; text that is not JSON is sent as a string." : "JSON.");
  if (spec.kind === "secret" || spec.kind === "secret-list")
    parts.push(
      `Secret: sent once, never stored, cleared after the run.${spec.kind === "secret-list" ? " One value, or a JSON array." : ""}`,
    );
  if (spec.kind === "file") parts.push("A file (sent as a data URL) or a URL.");
  if (spec.kind === "file-list") parts.push("Files (sent as data URLs) and/or URLs, one per line.");
  if (emptyMeansNull) parts.push("Leave empty for null.");
  else if (!spec.required && !spec.hasDefault) parts.push("Optional.");
  return parts.join(" ");
}

export const readDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });

/** The main control of a field, and how to read its raw value. */
export interface Control {
  readonly node: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  readonly raw: () => Promise<Reading>;
  /** More controls (a file's URL box). */
  readonly extra?: HTMLElement;
  /** The password field of a secret. */
  readonly secret?: HTMLInputElement;
}

export function control(spec: FieldSpec, id: string, describedBy: string): Control {
  switch (spec.kind) {
    case "boolean": {
      const box = element("input", { id, type: "checkbox", checked: spec.default === true });
      return { node: box, raw: async (): Promise<Reading> => ({ value: box.checked }) };
    }
    case "choice": {
      const select = element("select", { id });
      const choices = spec.choices ?? [];
      const unset = !spec.required && (!spec.hasDefault || spec.default === null);
      if (unset) select.append(element("option", { value: "" }, "(not set)"));
      choices.forEach((choice, index) => {
        select.append(
          element("option", { value: String(index), selected: spec.hasDefault && sameJson(choice, spec.default) }, String(choice)),
        );
      });
      select.required = spec.required;
      return {
        node: select,
        raw: async (): Promise<Reading> => (select.value === "" ? { omit: true } : { value: choices[Number(select.value)] }),
      };
    }
    case "integer":
    case "number": {
      const input = element("input", { id, type: "number", step: spec.kind === "integer" ? "1" : "any", value: defaultText(spec) });
      input.inputMode = spec.kind === "integer" ? "numeric" : "decimal";
      if (spec.minimum !== undefined) input.min = String(spec.minimum);
      if (spec.maximum !== undefined) input.max = String(spec.maximum);
      return { node: input, raw: textReading(spec, () => input.value) };
    }
    case "secret":
    case "secret-list": {
      const input = element("input", { id, type: "password", autocomplete: "off", spellcheck: false, autocapitalize: "off" });
      if (spec.minLength !== undefined) input.minLength = spec.minLength;
      if (spec.maxLength !== undefined) input.maxLength = spec.maxLength;
      if (spec.pattern !== undefined) input.pattern = spec.pattern;
      return { node: input, raw: textReading(spec, () => input.value), secret: input };
    }
    case "file":
    case "file-list": {
      const picker = element("input", { id, type: "file", multiple: spec.kind === "file-list" });
      if (spec.accept) picker.accept = spec.accept;
      const urlId = `${id}-url`;
      const urls: HTMLInputElement | HTMLTextAreaElement =
        spec.kind === "file"
          ? element("input", { id: urlId, type: "url", placeholder: "https://…", spellcheck: false })
          : element("textarea", { id: urlId, rows: 2, spellcheck: false });
      urls.setAttribute("aria-describedby", describedBy);
      const extra = element(
        "div",
        { className: "file-url" },
        element("label", { htmlFor: urlId }, spec.kind === "file" ? "or a URL" : "and/or URLs, one per line"),
        urls,
      );
      const raw = async (): Promise<Reading> => {
        const picked = [...(picker.files ?? [])];
        const dataUrls = await Promise.all(picked.map(readDataUrl));
        const files = picked.map((file) => ({ name: file.name, type: file.type }));
        const typed = urls.value
          .split(/\s+/)
          .map((url) => url.trim())
          .filter(Boolean);
        if (spec.kind === "file") {
          if (dataUrls.length > 0) return { value: dataUrls[0], files };
          if (typed.length > 0) return { value: typed[0] };
          return { omit: true };
        }
        if (dataUrls.length === 0 && typed.length === 0) return { omit: true };
        return { value: [...dataUrls, ...typed], files };
      };
      return { node: picker, raw, extra };
    }
    default: {
      const area = element("textarea", {
        id,
        rows: spec.kind === "text" ? 2 : 3,
        value: defaultText(spec),
        spellcheck: spec.kind === "text",
      });
      if (spec.kind === "text" && spec.minLength !== undefined) area.minLength = spec.minLength;
      if (spec.kind === "text" && spec.maxLength !== undefined) area.maxLength = spec.maxLength;
      return { node: area, raw: textReading(spec, () => area.value) };
    }
  }
}

/** Reads a text-like control: empty is "not given"; otherwise the parsed value or its problem. */
export function textReading(spec: FieldSpec, text: () => string) {
  return async (): Promise<Reading> => {
    const value = text();
    if (value === "" && spec.kind !== "text") return { omit: true };
    if (value === "" && !spec.required) return { omit: true };
    const parsed = parseFieldText(spec, value);
    return parsed.ok ? { value: parsed.value } : { issue: parsed.message };
  };
}
