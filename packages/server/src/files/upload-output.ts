import { basename } from "node:path";
import { outputExtension, outputMediaType, readScrubbedFile } from "@tsc-cog/runtime";
import type { Path } from "@tsc-cog/sdk";
import type { Redactor } from "@tsc-cog/sdk/engine";

/** Attempts per file: the first, then retries after 5xx answers or transport errors. */
const ATTEMPTS = 4;
/** The wait before the first retry; it doubles for each next one. */
const FIRST_BACKOFF_MS = 200;
/** How long one attempt may take (Cog's 25 s). */
const ATTEMPT_TIMEOUT_MS = 25_000;

/** A returned file's name, when it is plain and holds no secret: letters, digits, `.`, `_`, `-`. */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A returned file that could not be uploaded: the message names the file (as uploaded) and why, never its content. */
export class UploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UploadError";
  }
}

/**
 * The name a returned file is uploaded as: its own (Cog's rule) when that is plain and holds no
 * secret — a name chosen by the predictor is an egress too — else `output-<n>` with its extension
 * (only one that holds no secret, see `outputExtension`).
 */
export function uploadName(path: Path, redactor: Redactor, n: number): string {
  const name = basename(path.path);
  if (PLAIN_NAME.test(name) && (redactor.isEmpty || redactor.redactText(name) === name)) return name;
  return `output-${n}${outputExtension(path, redactor)}`;
}

/** Where `PUT` left the file: the `Location` header, else the final URL; absolute URLs lose their query (as Cog). */
function uploadedUrl(response: Response): string {
  const location = response.headers.get("location");
  const url = location ?? response.url;
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  parsed.search = "";
  return parsed.href;
}

/**
 * Uploads a returned file as Cog does: `PUT <uploadUrl>/<name>` with its scrubbed bytes and its media
 * type, and answers with the URL it was stored at. A 5xx answer or a transport error is retried (with
 * backoff, {@link ATTEMPTS} in all); what still fails, or any other non-2xx answer, is an {@link UploadError}.
 */
export async function uploadOutput(path: Path, name: string, uploadUrl: string, redactor: Redactor, signal: AbortSignal): Promise<string> {
  // A Uint8Array over a plain ArrayBuffer: what `fetch` takes as a body under every lib (DOM's included).
  const body = new Uint8Array(await readScrubbedFile(path, redactor));
  const target = `${uploadUrl.endsWith("/") ? uploadUrl : `${uploadUrl}/`}${encodeURIComponent(name)}`;
  const headers = { "content-type": outputMediaType(path, redactor) };
  let failure = "";
  let attempt = 0;
  while (attempt < ATTEMPTS) {
    attempt++;
    if (attempt > 1) await delay(FIRST_BACKOFF_MS * 2 ** (attempt - 2), signal);
    try {
      const response = await fetch(target, {
        method: "PUT",
        headers,
        body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      await response.body?.cancel();
      if (response.ok) return uploadedUrl(response);
      failure = `the upload server answered ${response.status}`;
      if (response.status < 500) break;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      failure = `the upload request failed (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`;
    }
  }
  throw new UploadError(`cannot upload the output file ${name}: ${failure}${attempt > 1 ? ` (${attempt} attempts)` : ""}`);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", abort, { once: true });
  });
}
