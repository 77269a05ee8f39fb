/// <reference lib="dom" />
// The input form: one field per FieldSpec, and reading it back as a prediction's input. Secrets live
// only in their password fields, for the length of a run: never stored, never in the URL or the page.
import type { PickedFile } from "./curl-command.js";
import { control, element, hintText, type Reading, sameJson } from "./field-controls.js";
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
