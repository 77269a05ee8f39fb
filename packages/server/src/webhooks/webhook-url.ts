import { unescape as percentDecode } from "node:querystring";
import { SECRET_MASK } from "@tsc-cog/sdk";

/** Values shorter than this are not registered on their own (see {@link parseWebhookUrl}). */
const MIN_SECRET_LENGTH = 6;

/** A webhook URL taken apart: where to send, how to authenticate, what to show, what to hide. */
export interface WebhookUrl {
  /** Where webhooks are POSTed: the URL without its user and password (fetch refuses credentials in URLs). */
  readonly url: string;
  /** `Basic base64(user:password)` when the URL held credentials (decoded per URL rules), as Cog sends it. */
  readonly authorization?: string;
  /** The URL as it may be shown (echoed in responses and webhooks, named in the log): the password, or a lone user name, masked. */
  readonly shown: string;
  /**
   * The credentials, which are secrets of the prediction: the URL as given, `user:password` and the
   * password, decoded and as written in the URL (or the user name when there is no password).
   */
  readonly secrets: readonly string[];
}

/**
 * Takes a webhook URL (an http(s) URL, checked by the request parser) apart as Cog's HTTP clients do
 * (httpx, reqwest): `http://user:pass@host/hook` is delivered to `http://host/hook` with
 * `Authorization: Basic base64(user:pass)`, user and password percent-decoded (a user alone is
 * `user:`). Without credentials it is shown and sent as given.
 *
 * Everything we print is built from {@link WebhookUrl.shown}, so no credential depends on a scrubber
 * to stay hidden; {@link WebhookUrl.secrets} are registered with the server's secret pool as a second
 * net. A user name or password shorter than {@link MIN_SECRET_LENGTH} characters is not registered on
 * its own (the redactor would only replace whole values equal to it and would warn about a "secret
 * input"); the pair and the whole URL still are, and no worker ever sees any of them.
 */
export function parseWebhookUrl(raw: string): WebhookUrl {
  const parsed = new URL(raw);
  const { username, password } = parsed;
  if (username === "" && password === "") return { url: raw, shown: raw, secrets: [] };
  const user = percentDecode(username);
  const pass = percentDecode(password);
  const pair = `${user}:${pass}`;
  const candidates = [raw, parsed.href, pair, `${username}:${password}`];
  if (password === "") candidates.push(user, username);
  else candidates.push(pass, password);
  const secrets = [...new Set(candidates)].filter((value) => [...value].length >= MIN_SECRET_LENGTH);
  const shown = new URL(parsed);
  if (password === "") shown.username = SECRET_MASK;
  else shown.password = SECRET_MASK;
  parsed.username = "";
  parsed.password = "";
  return {
    url: parsed.href,
    authorization: `Basic ${Buffer.from(pair, "utf8").toString("base64")}`,
    shown: shown.href,
    secrets,
  };
}
