// The hidden prompt, through a real pseudo-terminal (util-linux `script`): what is typed is never
// shown, typing and pasting both work, and Ctrl-C stops the run with exit 130 before anything runs.
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fingerprint } from "../support/canary.js";
import { type CliOptions, homeEnv, type RunningCli, startCliInTerminal } from "../support/cli.js";
import { copyFixture } from "../support/project.js";

const SECRET = "tsc-cog-CANARY-prompt-5e4f+/=&?é";
const PROMPT = 'Secret input "token" — API token. Type or paste it (hidden): ';

function project() {
  const dir = copyFixture("secrets", "intake");
  const marker = join(dir, "setup-ran");
  return { dir, marker, env: homeEnv(join(dir, ".home"), { RAN_MARKER: marker }) };
}

/** `tsc-cog <args>` in a real pseudo-terminal, driven like a person at a keyboard (stdin stays open). */
function terminal(args: readonly string[], options: CliOptions & { readonly env: Record<string, string> }): RunningCli {
  const pty = startCliInTerminal(args, { ...options, env: { ...options.env, TERM: "dumb" }, keepStdinOpen: true });
  assert.ok(pty, "these tests need util-linux script");
  return pty;
}

/** Waits for the program to end: its exit code and everything the terminal showed (what a person would see). */
async function ended(pty: RunningCli): Promise<{ code: number | null; screen: string }> {
  const { code } = await pty.result;
  return { code, screen: pty.output().all };
}

describe("the hidden prompt in a terminal", { concurrency: 2 }, () => {
  test("a missing required secret is asked for, typed without echo, and the prediction runs", async () => {
    const { dir, env } = project();
    const pty = terminal(["predict", "-i", "text=typed"], { cwd: dir, env });
    await pty.waitFor("all", PROMPT);
    await pty.writeSlowly(`${SECRET}\r`);
    const { code, screen } = await ended(pty);
    assert.equal(code, 0, screen);
    assert.match(screen, new RegExp(`token=${fingerprint(SECRET)} text=typed`));
    assert.ok(!screen.includes(SECRET), `the terminal showed the typed secret:\n${screen}`);
    // Not even one character of it was echoed after the prompt.
    const afterPrompt = screen.slice(screen.indexOf(PROMPT) + PROMPT.length);
    assert.ok(!afterPrompt.startsWith(SECRET.slice(0, 3)), afterPrompt);
  });

  test("a pasted secret (one chunk) works, and Backspace erases", async () => {
    const { dir, env } = project();
    const pty = terminal(["predict"], { cwd: dir, env });
    await pty.waitFor("all", PROMPT);
    pty.write(`${SECRET}XY\u007f\u007f\r`);
    const { code, screen } = await ended(pty);
    assert.equal(code, 0, screen);
    assert.match(screen, new RegExp(`token=${fingerprint(SECRET)} text=x`));
    assert.ok(!screen.includes(SECRET));
  });

  test("a bracketed paste is taken without its escape markers", async () => {
    const { dir, env } = project();
    const pty = terminal(["predict"], { cwd: dir, env });
    await pty.waitFor("all", PROMPT);
    pty.write(`\u001b[200~${SECRET}\u001b[201~\r`);
    const { code, screen } = await ended(pty);
    assert.equal(code, 0, screen);
    assert.match(screen, new RegExp(`token=${fingerprint(SECRET)} text=x`));
  });

  test("the prompted secret is redacted like any secret input", async () => {
    const { dir, env } = project();
    const pty = terminal(["predict", "--json", "{}"], { cwd: dir, env });
    await pty.waitFor("all", PROMPT);
    pty.write(`${SECRET}\r`);
    const { code, screen } = await ended(pty);
    assert.equal(code, 0, screen);
    assert.match(screen, /"token": "\*\*\*\*\*\*\*\*\*\*"/);
    assert.ok(!screen.includes(SECRET));
  });

  test("Ctrl-C at the prompt cancels with exit 130 and nothing runs", async () => {
    const { dir, env, marker } = project();
    const pty = terminal(["predict"], { cwd: dir, env });
    await pty.waitFor("all", PROMPT);
    pty.write("partial\u0003");
    const { code, screen } = await ended(pty);
    assert.equal(code, 130, screen);
    assert.match(screen, /cancelled: cancelled at the secret prompt; nothing ran/);
    assert.equal(existsSync(marker), false, "setup ran");
    assert.ok(!screen.includes("partial"));
  });

  test("Enter on an empty prompt is an error, exit 2, and nothing runs", async () => {
    const { dir, env, marker } = project();
    const pty = terminal(["predict"], { cwd: dir, env });
    await pty.waitFor("all", PROMPT);
    pty.write("\r");
    const { code, screen } = await ended(pty);
    assert.equal(code, 2, screen);
    assert.match(screen, /no value typed for secret input "token"; nothing ran/);
    assert.equal(existsSync(marker), false, "setup ran");
  });

  test("tsc-cog secrets set asks with a hidden prompt and stores exactly what was typed", async () => {
    const dir = copyFixture("secrets", "intake");
    const env = homeEnv(join(dir, ".home"));
    const pty = terminal(["secrets", "set", "signing_key"], { cwd: dir, env });
    await pty.waitFor("all", 'Value for secret "signing_key". Type or paste it (hidden): ');
    await pty.writeSlowly(`${SECRET}\r`);
    const { code, screen } = await ended(pty);
    assert.equal(code, 0, screen);
    assert.ok(!screen.includes(SECRET), screen);
    const file = join(env.XDG_CONFIG_HOME, "tsc-cog", "secrets", "signing_key");
    assert.equal(readFileSync(file, "utf8"), SECRET);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  test("Ctrl-C at the secrets set prompt stores nothing and exits 130", async () => {
    const dir = copyFixture("secrets", "intake");
    const env = homeEnv(join(dir, ".home"));
    const pty = terminal(["secrets", "set", "signing_key"], { cwd: dir, env });
    await pty.waitFor("all", "Type or paste it (hidden): ");
    pty.write("half-typed\u0003");
    const { code, screen } = await ended(pty);
    assert.equal(code, 130, screen);
    assert.equal(existsSync(join(env.XDG_CONFIG_HOME, "tsc-cog", "secrets", "signing_key")), false);
  });
});
