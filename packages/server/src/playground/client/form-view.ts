/// <reference lib="dom" />
// The input form: one field per FieldSpec, and reading it back as a prediction's input. Secrets live
// only in their password fields, for the length of a run: never stored, never in the URL or the page.
import type { PickedFile } from "./curl-command.js";
import { defaultText, parseFieldText } from "./field-value.js";
import type { FieldSpec } from "./schema-fields.js";

/** The form read back: the input to send, or the fields whose text is not a value. */
export interface CollectedInput {
  readonly input: Record<string, unknown>;
  /** Secret inputs present in `input` (the curl command writes them as variables). */
  readonly secrets: readonly string[];
  /** Files picked from disk per input (the curl command reads them with base64). */
  readonly files: ReadonlyMap<string, readonly PickedFile[]>;
  readonly issues: readonly { readonly name: string; readonly message: string }[];
}

/** A field's contribution: a value, nothing (the server's default), or why not. */
type Reading = { readonly value: unknown; readonly files?: readonly PickedFile[] } | { readonly omit: true } | { readonly issue: string };

interface Field {
  readonly spec: FieldSpec;
  readonly focus: HTMLElement;
  read(): Promise<Reading>;
  showIssue(message: string | undefined): void;
}

/** The form as drawn: read it, clear its secrets. */
export interface FormView {
  collect(): Promise<CollectedInput>;
  /** Empties every secret field (after each run, and when the page is hidden). */
  clearSecrets(): void;
  /** Marks fields named in a server's validation errors. */
  markIssues(issues: readonly { readonly name: string; readonly message: string }[]): void;
}

/** The properties the form sets when it creates an element. */
interface ElementProperties {
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

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: ElementProperties = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The hint under a field's label: description, default, bounds and how to write it. */
function hintText(spec: FieldSpec, emptyMeansNull: boolean): string {
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

const readDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });

/** The main control of a field, and how to read its raw value. */
interface Control {
  readonly node: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  readonly raw: () => Promise<Reading>;
  /** More controls (a file's URL box). */
  readonly extra?: HTMLElement;
  /** The password field of a secret. */
  readonly secret?: HTMLInputElement;
}

function control(spec: FieldSpec, id: string, describedBy: string): Control {
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
function textReading(spec: FieldSpec, text: () => string) {
  return async (): Promise<Reading> => {
    const value = text();
    if (value === "" && spec.kind !== "text") return { omit: true };
    if (value === "" && !spec.required) return { omit: true };
    const parsed = parseFieldText(spec, value);
    return parsed.ok ? { value: parsed.value } : { issue: parsed.message };
  };
}

function renderField(spec: FieldSpec): { node: HTMLElement; field: Field; secret?: HTMLInputElement } {
  const id = `input-${spec.name}`;
  const hintId = `${id}-hint`;
  const issueId = `${id}-issue`;
  const emptyMeansNull = spec.nullable && !spec.required && (!spec.hasDefault || spec.default === null);
  const withNull = spec.nullable && !emptyMeansNull;
  const built = control(spec, id, `${hintId} ${issueId}`);
  const { node } = built;
  node.setAttribute("aria-describedby", `${hintId} ${issueId}`);
  const isRequired = spec.required && !spec.nullable && spec.kind !== "boolean" && spec.kind !== "file" && spec.kind !== "file-list";
  if (isRequired && "required" in node) node.required = true;

  const label = element("label", { htmlFor: id }, spec.title);
  if (spec.required) label.append(" ", element("span", { className: "required" }, "(required)"));
  const name = element("code", { className: "input-name" }, spec.name);
  const hint = element("p", { id: hintId, className: "hint" }, hintText(spec, emptyMeansNull));
  const issue = element("p", { id: issueId, className: "issue", hidden: true });
  issue.setAttribute("role", "alert");

  const compound = built.extra !== undefined || withNull;
  const container = compound ? element("fieldset", { className: "field" }) : element("div", { className: "field" });
  container.dataset.input = spec.name;
  if (compound) {
    // A fieldset names the group; the label still names the main control.
    container.append(element("legend", {}, spec.title, " ", name));
    label.textContent = spec.kind === "file" || spec.kind === "file-list" ? "File" : "Value";
    if (spec.required) label.append(" ", element("span", { className: "required" }, "(required)"));
    container.append(hint, element("div", { className: "control" }, label, node));
  } else {
    container.append(element("div", { className: "label-row" }, label, " ", name), hint, node);
  }
  if (built.extra) container.append(built.extra);

  let nullBox: HTMLInputElement | undefined;
  if (withNull) {
    const nullId = `${id}-null`;
    nullBox = element("input", { id: nullId, type: "checkbox" });
    nullBox.addEventListener("change", () => {
      const disabled = nullBox?.checked === true;
      for (const input of container.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>("input, textarea, select"))
        if (input !== nullBox) input.disabled = disabled;
    });
    container.append(element("div", { className: "null-toggle" }, nullBox, element("label", { htmlFor: nullId }, "null")));
  }
  container.append(issue);

  const field: Field = {
    spec,
    focus: node,
    read: async () => {
      if (nullBox?.checked) return { value: null };
      const reading = await built.raw();
      if ("omit" in reading && spec.required) return { issue: spec.kind === "file" ? "choose a file or give a URL" : "is required" };
      return reading;
    },
    showIssue: (message) => {
      issue.textContent = message ?? "";
      issue.hidden = message === undefined;
      if (message === undefined) node.removeAttribute("aria-invalid");
      else node.setAttribute("aria-invalid", "true");
    },
  };
  return { node: container, field, ...(built.secret ? { secret: built.secret } : {}) };
}

/** Draws the fields into `container` (replacing what was there). */
export function renderForm(container: HTMLElement, specs: readonly FieldSpec[]): FormView {
  const fields: Field[] = [];
  const secrets: HTMLInputElement[] = [];
  container.replaceChildren();
  if (specs.length === 0) container.append(element("p", {}, "This predictor takes no inputs."));
  for (const spec of specs) {
    const rendered = renderField(spec);
    fields.push(rendered.field);
    if (rendered.secret) secrets.push(rendered.secret);
    container.append(rendered.node);
  }
  const markIssues = (issues: readonly { readonly name: string; readonly message: string }[]) => {
    for (const field of fields) field.showIssue(issues.find((issue) => issue.name === field.spec.name)?.message);
    fields.find((field) => issues.some((issue) => issue.name === field.spec.name))?.focus.focus();
  };
  return {
    async collect() {
      const input: Record<string, unknown> = {};
      const files = new Map<string, readonly PickedFile[]>();
      const issues: { name: string; message: string }[] = [];
      for (const field of fields) {
        const { spec } = field;
        let reading: Reading;
        try {
          reading = await field.read();
        } catch (error) {
          reading = { issue: (error as Error).message };
        }
        if ("issue" in reading) issues.push({ name: spec.name, message: `${spec.title} ${reading.issue}` });
        else if ("value" in reading) {
          // A value equal to the default is left out: the server uses it anyway, and the curl line stays short.
          if (!spec.required && spec.hasDefault && sameJson(reading.value, spec.default)) continue;
          input[spec.name] = reading.value;
          if (reading.files && reading.files.length > 0) files.set(spec.name, reading.files);
        }
      }
      markIssues(issues);
      const secretNames = fields.filter((f) => f.spec.kind === "secret" || f.spec.kind === "secret-list").map((f) => f.spec.name);
      return { input, issues, files, secrets: secretNames.filter((name) => name in input) };
    },
    clearSecrets() {
      for (const secret of secrets) secret.value = "";
    },
    markIssues,
  };
}
