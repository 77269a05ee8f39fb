// The `curl` command equivalent to a run. Secret inputs are written as shell variables (`$API_KEY`),
// never their values; uploaded files as variables filled by `base64` from the file. Pure: tested in Node.

/** A file picked in the form: its name (for the `base64` line) and MIME type. */
export interface PickedFile {
  readonly name: string;
  readonly type: string;
}

/** What a run sent. */
export interface CurlRequest {
  /** `…/predictions`, absolute. */
  readonly url: string;
  /** The input as sent, except: a secret's value and an uploaded file's data URL are never read. */
  readonly input: Readonly<Record<string, unknown>>;
  /** Names of the secret inputs present in `input`. */
  readonly secrets: readonly string[];
  /** Uploaded files per input name (one for a Path, several for a list of Paths). */
  readonly files: ReadonlyMap<string, readonly PickedFile[]>;
  readonly streaming: boolean;
}

/** `'text'`, with each `'` written as `'\''`. */
export const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** The shell variable holding an input's value: the name upper-cased (`api_key` → `API_KEY`). */
export const variableName = (name: string, index?: number) =>
  `${name.toUpperCase().replace(/[^A-Z0-9_]/g, "_")}${index === undefined ? "" : `_${index + 1}`}`;

// Placeholders stand in for variables inside the JSON, then become `'"$NAME"'` (close the single-quoted
// body, expand the variable in double quotes, reopen): no secret and no file's bytes are ever in the JSON.
const mark = (variable: string) => `@@tsc-cog-variable:${variable}@@`;

/**
 * The command lines: `read -rs` for each secret (a single one then escaped for JSON), a `base64` variable
 * for each file, then curl. A secret holding a control character (a tab) is not valid inside JSON text.
 */
export function curlCommand(request: CurlRequest): string {
  const input: Record<string, unknown> = { ...request.input };
  const lines: string[] = [];
  for (const name of request.secrets) {
    if (!(name in input) || input[name] === null) continue;
    const variable = variableName(name);
    // `IFS=` keeps spaces at either end of the value; `-r` keeps backslashes; `-s` does not echo.
    lines.push(`IFS= read -rs ${variable}  # the secret input "${name}", typed without echo`);
    // A list of secrets is JSON in its variable (typed as JSON); a single secret is the text inside a JSON
    // string, so its \ and " are escaped first (sed's argument holds no secret; printf is a shell builtin).
    if (Array.isArray(input[name])) input[name] = mark(`json:${variable}`);
    else {
      lines.push(`${variable}=$(printf '%s' "$${variable}" | sed 's/[\\\\"]/\\\\&/g')  # its \\ and " escaped for JSON`);
      input[name] = mark(`text:${variable}`);
    }
  }
  for (const [name, files] of request.files) {
    const variables = files.map((file, index) => {
      const variable = variableName(name, Array.isArray(input[name]) ? index : undefined);
      const type = file.type || "application/octet-stream";
      lines.push(`${variable}="data:${type};base64,$(base64 < ${shellQuote(file.name)} | tr -d '\\n')"`);
      return mark(`text:${variable}`);
    });
    if (Array.isArray(input[name])) {
      const kept = (input[name] as unknown[]).filter((item) => typeof item !== "string" || !item.startsWith("data:"));
      input[name] = [...variables, ...kept];
    } else if (variables.length > 0) input[name] = variables[0];
  }
  const json = JSON.stringify({ input })
    .replaceAll("'", "'\\''")
    .replace(/"@@tsc-cog-variable:json:([A-Z0-9_]+)@@"/g, `'"$$$1"'`)
    .replace(/@@tsc-cog-variable:text:([A-Z0-9_]+)@@/g, `'"$$$1"'`);
  const body = `'${json}'`;
  const curl = [`curl -sS -X POST ${shellQuote(request.url)}`, `  -H 'Content-Type: application/json'`];
  if (request.streaming) curl.push(`  -H 'Accept: text/event-stream' -N`);
  curl.push(`  -d ${body}`);
  return [...lines, curl.join(" \\\n")].join("\n");
}
