/// <reference lib="dom" />
// The playground page's entry module: reads /openapi.json, draws the form, and runs predictions with
// fetch and a JSON body (never a form submission: inputs, secrets above all, never reach a URL). With
// `x-cog-streaming`, the run asks for server-sent events and shows output as it arrives.
import { curlCommand } from "./curl-command.js";
import { EventStreamParser } from "./event-stream-parser.js";
import { renderForm } from "./form-view.js";
import { type PredictionBody, ResultView } from "./result-view.js";
import { type PlaygroundModel, readModel } from "./schema-fields.js";

const form = document.getElementById("prediction-form") as HTMLFormElement;
const fieldsBox = document.getElementById("fields") as HTMLElement;
const summary = document.getElementById("model-summary") as HTMLElement;
const runButton = document.getElementById("run") as HTMLButtonElement;
const cancelButton = document.getElementById("cancel") as HTMLButtonElement;
const copyButton = document.getElementById("copy-curl") as HTMLButtonElement;
const formIssues = document.getElementById("form-issues") as HTMLElement;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The schema, waiting (and saying so) while the predictor loads: the server answers 503 until then. */
async function loadModel(): Promise<PlaygroundModel> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch("/openapi.json", { cache: "no-store", credentials: "omit" });
      if (response.ok) return readModel(await response.json());
      summary.textContent = `Waiting for the predictor to load (GET /openapi.json answered ${response.status})…`;
    } catch {
      summary.textContent = "Waiting for the server…";
    }
    await sleep(Math.min(2000, 250 * (attempt + 1)));
  }
}

/** A refusal's message: FastAPI-style `detail` (a string or a list of issues) or Cog's `error`. */
function refusal(body: unknown): { message: string; issues: { name: string; message: string }[] } {
  const { detail, error } = (body ?? {}) as { detail?: unknown; error?: unknown };
  if (Array.isArray(detail)) {
    const issues = detail.map((item: { loc?: unknown[]; msg?: string }) => {
      const loc = Array.isArray(item.loc) ? item.loc : [];
      const name = String(loc[0] === "body" && loc[1] === "input" ? loc[2] : loc.at(-1));
      return { name, message: `${name}: ${item.msg ?? "is not valid"}` };
    });
    return { message: issues.map((issue) => issue.message).join("\n"), issues };
  }
  return { message: String(detail ?? error ?? "the server refused the request"), issues: [] };
}

async function readEvents(response: Response, result: ResultView): Promise<void> {
  if (!response.body) throw new Error("the response has no body");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new EventStreamParser();
  let completed = false;
  for (;;) {
    const { value, done } = await reader.read();
    for (const { event, data } of done ? parser.end() : parser.push(value)) {
      const payload = JSON.parse(data) as Record<string, unknown>;
      if (event === "start") {
        result.setId(payload.id as string | undefined);
        result.setStatus(String(payload.status ?? "processing"));
      } else if (event === "output") result.chunk(payload.chunk);
      else if (event === "log") result.log(String(payload.data ?? ""));
      else if (event === "completed") {
        completed = true;
        result.finish(payload as PredictionBody);
      } else if (event === "error") {
        completed = true;
        result.fail("error", String(payload.error ?? "the stream failed"));
      }
    }
    if (done) break;
  }
  if (!completed) result.fail("error", "the stream ended before the prediction finished");
}

async function main(): Promise<void> {
  const model = await loadModel();
  summary.textContent = `${model.fields.length} input${model.fields.length === 1 ? "" : "s"} from /openapi.json${
    model.streaming ? "; output streams as server-sent events" : ""
  }.`;
  const view = renderForm(fieldsBox, model.fields);
  const result = new ResultView({ isFile: model.outputIsFile, concatenate: model.concatenate });
  runButton.disabled = false;
  let running: AbortController | undefined;

  // A page kept in the back/forward cache must not bring a typed secret back.
  window.addEventListener("pagehide", () => view.clearSecrets());
  cancelButton.addEventListener("click", () => running?.abort());
  copyButton.addEventListener("click", () => {
    void navigator.clipboard?.writeText(document.getElementById("curl")?.textContent ?? "").catch(() => undefined);
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (running) return;
    void run();
  });

  async function run(): Promise<void> {
    const collected = await view.collect();
    formIssues.textContent = collected.issues.map((issue) => issue.message).join("\n");
    formIssues.hidden = collected.issues.length === 0;
    if (collected.issues.length > 0) return;
    const body = JSON.stringify({ input: collected.input });
    result.start(
      curlCommand({
        url: new URL("/predictions", location.href).href,
        input: collected.input,
        secrets: collected.secrets,
        files: collected.files,
        streaming: model.streaming,
      }),
    );
    const controller = new AbortController();
    running = controller;
    runButton.disabled = true;
    cancelButton.hidden = false;
    try {
      const response = await fetch("/predictions", {
        method: "POST",
        headers: { "content-type": "application/json", accept: model.streaming ? "text/event-stream" : "application/json" },
        body,
        signal: controller.signal,
        cache: "no-store",
        credentials: "omit",
        referrerPolicy: "no-referrer",
      });
      if ((response.headers.get("content-type") ?? "").startsWith("text/event-stream")) await readEvents(response, result);
      else {
        const json = (await response.json()) as PredictionBody & Record<string, unknown>;
        if (typeof json.status === "string") result.finish(json);
        else {
          const { message, issues } = refusal(json);
          view.markIssues(issues);
          result.fail(`refused (HTTP ${response.status})`, message);
        }
      }
    } catch (error) {
      if (controller.signal.aborted) result.fail("canceled", "You canceled the run: the server cancels a prediction whose client leaves.");
      else result.fail("error", `The request failed: ${(error as Error).message}`);
    } finally {
      // Whatever happened, a typed secret does not outlive its run.
      view.clearSecrets();
      running = undefined;
      runButton.disabled = false;
      cancelButton.hidden = true;
    }
  }
}

void main();
