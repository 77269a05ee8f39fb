/// <reference lib="dom" />
// The result panel: status, predict time, output (growing as server-sent events arrive), logs, error
// and the curl command. Everything shown comes from the API, which redacts secrets before it answers.
import { displayOutput, type OutputDisplay, type OutputFile } from "./output-display.js";

/** A prediction as the API returns it (the parts shown). */
export interface PredictionBody {
  readonly id?: string;
  readonly status?: string;
  readonly output?: unknown;
  readonly logs?: string;
  readonly error?: string | null;
  readonly metrics?: { readonly predict_time?: number };
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
}

function fileNode(file: OutputFile): HTMLElement {
  const figure = document.createElement("figure");
  figure.className = "output-file";
  if (file.media === "image") {
    const image = document.createElement("img");
    image.src = file.url;
    image.alt = `Output image ${file.name}`;
    figure.append(image);
  } else if (file.media === "audio" || file.media === "video") {
    const player = document.createElement(file.media);
    player.controls = true;
    player.src = file.url;
    player.setAttribute("aria-label", `Output ${file.media} ${file.name}`);
    figure.append(player);
  }
  const link = document.createElement("a");
  link.href = file.url;
  link.download = file.name;
  link.textContent = `Download ${file.name}`;
  const caption = document.createElement("figcaption");
  caption.append(link);
  if (file.type) caption.append(` (${file.type})`);
  figure.append(caption);
  return figure;
}

function displayNode(display: OutputDisplay): HTMLElement {
  switch (display.kind) {
    case "text":
    case "json": {
      const pre = document.createElement("pre");
      pre.className = `output-${display.kind}`;
      pre.textContent = display.text;
      return pre;
    }
    case "file":
      return fileNode(display.file);
    case "list": {
      const list = document.createElement("ol");
      list.className = "output-list";
      for (const item of display.items) {
        const entry = document.createElement("li");
        entry.append(displayNode(item));
        list.append(entry);
      }
      return list;
    }
  }
}

/** The result panel of the page (elements found by id). */
export class ResultView {
  private readonly status = byId("result-status");
  private readonly time = byId("result-time");
  private readonly predictionId = byId("result-id");
  private readonly output = byId("output");
  private readonly logs = byId("logs");
  private readonly error = byId("result-error");
  private readonly curl = byId("curl");
  private chunks: unknown[] = [];

  constructor(private readonly outputOptions: { readonly isFile: boolean; readonly concatenate: boolean }) {}

  /** A new run: everything cleared, the curl command shown, status `starting`. */
  start(curl: string): void {
    this.chunks = [];
    this.setStatus("starting");
    this.time.textContent = "–";
    this.predictionId.textContent = "–";
    this.output.replaceChildren();
    this.output.setAttribute("aria-busy", "true");
    this.logs.textContent = "";
    this.showError(undefined);
    this.curl.textContent = curl;
  }

  setStatus(status: string): void {
    this.status.textContent = status;
    this.status.dataset.status = status;
  }

  setId(id: string | undefined): void {
    if (id) this.predictionId.textContent = id;
  }

  /** One streamed output item: the display is redrawn (text grows in place). */
  chunk(value: unknown): void {
    this.chunks.push(value);
    this.showOutput(this.chunks);
  }

  log(text: string): void {
    this.logs.textContent += text;
  }

  /** The prediction's final state (a sync response, or the `completed` event). */
  finish(prediction: PredictionBody): void {
    this.setId(prediction.id);
    this.setStatus(prediction.status ?? "unknown");
    const seconds = prediction.metrics?.predict_time;
    this.time.textContent = typeof seconds === "number" ? `${seconds.toFixed(3)} s` : "–";
    if (prediction.output !== undefined && prediction.output !== null) this.showOutput(prediction.output);
    if (typeof prediction.logs === "string") this.logs.textContent = prediction.logs;
    this.showError(prediction.error ?? undefined);
    this.done();
  }

  /** The run ended without a prediction (refused, or the connection failed). */
  fail(status: string, message: string): void {
    this.setStatus(status);
    this.showError(message);
    this.done();
  }

  done(): void {
    this.output.setAttribute("aria-busy", "false");
  }

  private showError(message: string | undefined): void {
    this.error.textContent = message ?? "";
    this.error.hidden = message === undefined || message === "";
  }

  private showOutput(value: unknown): void {
    const display = displayOutput(value, this.outputOptions);
    const current = this.output.firstElementChild;
    if (display.kind === "text" && current?.classList.contains("output-text") && this.output.childElementCount === 1) {
      current.textContent = display.text;
      return;
    }
    this.output.replaceChildren(displayNode(display));
  }
}
