// The hidden prompt, through a real pseudo-terminal (util-linux `script`): what is typed is never
// shown, typing and pasting both work, and Ctrl-C stops the run with exit 130 before anything runs.
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { CLI, cleanEnv, copyFixture, fingerprint, PtySession } from "./helpers.js";

const SECRET = "tsc-cog-CANARY-prompt-5e4f+/=&?é";
const PROMPT = "Secret token (API token) (typing is hidden): ";

function project() {
  const dir = copyFixture("intake");
  const marker = join(dir, "setup-ran");
  return { dir, marker, env: cleanEnv(join(dir, ".home"), { RAN_MARKER: marker }) };
}

describe("the hidden prompt in a terminal", { concurrency: 2 }, () => {
  test("a missing required secret is asked for, typed without echo, and the prediction runs", async () => {
    const { dir, env } = project();
    const pty = new PtySession(`${CLI} predict -i text=typed`, { cwd: dir, env });
    await pty.waitFor(PROMPT);
    await pty.typeSlowly(`${SECRET}\r`);
    assert.equal(await pty.end(), 0, pty.screen);
    assert.match(pty.screen, new RegExp(`token=${fingerprint(SECRET)} text=typed`));
    assert.ok(!pty.screen.includes(SECRET), `the terminal showed the typed secret:\n${pty.screen}`);
    // Not even one character of it was echoed after the prompt.
    const afterPrompt = pty.screen.slice(pty.screen.indexOf(PROMPT) + PROMPT.length);
    assert.ok(!afterPrompt.startsWith(SECRET.slice(0, 3)), afterPrompt);
  });

  test("a pasted secret (one chunk) works, and Backspace erases", async () => {
    const { dir, env } = project();
    const pty = new PtySession(`${CLI} predict`, { cwd: dir, env });
    await pty.waitFor(PROMPT);
    pty.type(`${SECRET}XY\u007f\u007f\r`);
    assert.equal(await pty.end(), 0, pty.screen);
    assert.match(pty.screen, new RegExp(`token=${fingerprint(SECRET)} text=x`));
    assert.ok(!pty.screen.includes(SECRET));
  });

  test("a bracketed paste is taken without its escape markers", async () => {
    const { dir, env } = project();
    const pty = new PtySession(`${CLI} predict`, { cwd: dir, env });
    await pty.waitFor(PROMPT);
    pty.type(`\u001b[200~${SECRET}\u001b[201~\r`);
    assert.equal(await pty.end(), 0, pty.screen);
    assert.match(pty.screen, new RegExp(`token=${fingerprint(SECRET)} text=x`));
  });

  test("the prompted secret is redacted like any secret input", async () => {
    const { dir, env } = project();
    const pty = new PtySession(`${CLI} predict --json '{}'`, { cwd: dir, env });
    await pty.waitFor(PROMPT);
    pty.type(`${SECRET}\r`);
    assert.equal(await pty.end(), 0, pty.screen);
    assert.match(pty.screen, /"token": "\*\*\*\*\*\*\*\*\*\*"/);
    assert.ok(!pty.screen.includes(SECRET));
  });

  test("Ctrl-C at the prompt cancels with exit 130 and nothing runs", async () => {
    const { dir, env, marker } = project();
    const pty = new PtySession(`${CLI} predict`, { cwd: dir, env });
    await pty.waitFor(PROMPT);
    pty.type("partial\u0003");
    assert.equal(await pty.end(), 130, pty.screen);
    assert.match(pty.screen, /cancelled: cancelled at the secret prompt; nothing ran/);
    assert.equal(existsSync(marker), false, "setup ran");
    assert.ok(!pty.screen.includes("partial"));
  });

  test("Enter on an empty prompt is an error, exit 2, and nothing runs", async () => {
    const { dir, env, marker } = project();
    const pty = new PtySession(`${CLI} predict`, { cwd: dir, env });
    await pty.waitFor(PROMPT);
    pty.type("\r");
    assert.equal(await pty.end(), 2, pty.screen);
    assert.match(pty.screen, /no value typed for secret input "token"; nothing ran/);
    assert.equal(existsSync(marker), false, "setup ran");
  });

  test("tsc-cog secrets set asks with a hidden prompt and stores exactly what was typed", async () => {
    const dir = copyFixture("intake");
    const env = cleanEnv(join(dir, ".home"));
    const pty = new PtySession(`${CLI} secrets set signing_key`, { cwd: dir, env });
    await pty.waitFor('Value for secret "signing_key" (typing is hidden): ');
    await pty.typeSlowly(`${SECRET}\r`);
    assert.equal(await pty.end(), 0, pty.screen);
    assert.ok(!pty.screen.includes(SECRET), pty.screen);
    const file = join(env.XDG_CONFIG_HOME, "tsc-cog", "secrets", "signing_key");
    assert.equal(readFileSync(file, "utf8"), SECRET);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  test("Ctrl-C at the secrets set prompt stores nothing and exits 130", async () => {
    const dir = copyFixture("intake");
    const env = cleanEnv(join(dir, ".home"));
    const pty = new PtySession(`${CLI} secrets set signing_key`, { cwd: dir, env });
    await pty.waitFor("(typing is hidden): ");
    pty.type("half-typed\u0003");
    assert.equal(await pty.end(), 130, pty.screen);
    assert.equal(existsSync(join(env.XDG_CONFIG_HOME, "tsc-cog", "secrets", "signing_key")), false);
  });
});
