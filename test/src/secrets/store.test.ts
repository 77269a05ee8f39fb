// `tsc-cog secrets set | list | rm`: values only from stdin or a hidden prompt, stored 0700/0600
// under $XDG_CONFIG_HOME (default ~/.config), written atomically, listed without values.
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { homeEnv, runCli, sleep, startCli } from "../support/cli.js";
import { tempDir } from "../support/temp.js";

const VALUE = 'stored-secret-value+/=&?"\\é';

function home() {
  const dir = tempDir("tsc-cog-home-");
  const env = homeEnv(dir);
  return { dir, env, store: join(env.XDG_CONFIG_HOME, "tsc-cog", "secrets") };
}

describe("tsc-cog secrets", { concurrency: 2 }, () => {
  test("set reads the value from stdin, less one trailing newline, into a 0600 file in a 0700 folder", async () => {
    const { dir, env, store } = home();
    const run = await runCli(["secrets", "set", "hf_token"], { cwd: dir, env, stdin: `${VALUE}\n` });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, `Stored secret "hf_token" in ${store}/hf_token (mode 600: only you can read it)\n`);
    assert.equal(run.stdout, "");
    assert.equal(readFileSync(join(store, "hf_token"), "utf8"), VALUE);
    assert.equal(statSync(join(store, "hf_token")).mode & 0o777, 0o600);
    assert.equal(statSync(store).mode & 0o777, 0o700);
    const again = await runCli(["secrets", "set", "hf_token"], { cwd: dir, env, stdin: "second value" });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /^Replaced secret "hf_token"/);
    assert.equal(readFileSync(join(store, "hf_token"), "utf8"), "second value");
    assert.deepEqual(readdirSync(store), ["hf_token"], "a temp file was left behind");
  });

  test("set tightens a store folder that others could read", async () => {
    const { dir, env, store } = home();
    mkdirSync(store, { recursive: true, mode: 0o755 });
    chmodSync(store, 0o755);
    const run = await runCli(["secrets", "set", "hf_token"], { cwd: dir, env, stdin: VALUE });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(statSync(store).mode & 0o777, 0o700);
  });

  test("without XDG_CONFIG_HOME the store is ~/.config/tsc-cog/secrets", async () => {
    const { dir, env } = home();
    const run = await runCli(["secrets", "set", "hf_token"], { cwd: dir, env: { ...env, XDG_CONFIG_HOME: undefined }, stdin: VALUE });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(join(dir, ".config", "tsc-cog", "secrets", "hf_token"), "utf8"), VALUE);
  });

  test("set NAME VALUE is refused with an explanation, and nothing is stored", async () => {
    const { dir, env, store } = home();
    const run = await runCli(["secrets", "set", "hf_token", "hunter2-value"], { cwd: dir, env, stdin: "" });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /takes no value on the command line: shell history and process listings would keep it\. Nothing was stored\./);
    assert.match(run.stderr, /tsc-cog secrets set hf_token < FILE/);
    assert.ok(!run.stderr.includes("hunter2"), "the refusal repeated the value");
    assert.equal(existsSync(join(store, "hf_token")), false);
  });

  test("set NAME=VALUE is refused without repeating the value", async () => {
    const { dir, env, store } = home();
    const run = await runCli(["secrets", "set", "hf_token=hunter2-value"], { cwd: dir, env, stdin: "" });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /secret names cannot contain "=" \(got "hf_token=…"\)/);
    assert.ok(!run.stderr.includes("hunter2"));
    assert.equal(existsSync(store), false);
  });

  test("set with an empty stdin stores nothing, exit 2", async () => {
    const { dir, env, store } = home();
    const run = await runCli(["secrets", "set", "hf_token"], { cwd: dir, env, stdin: "\n" });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no value given for secret "hf_token"; nothing stored/);
    assert.equal(existsSync(join(store, "hf_token")), false);
  });

  test("set of an invalid name is refused before reading anything", async () => {
    const { dir, env } = home();
    const run = await runCli(["secrets", "set", "../escape"], { cwd: dir, env, stdin: VALUE });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /"\.\.\/escape" is not a valid secret name/);
    assert.equal(existsSync(join(dir, ".config", "tsc-cog", "escape")), false);
  });

  test("set warns when a stronger source or a missing declaration hides the stored value", async () => {
    const { dir, env } = home();
    writeFileSync(join(dir, "cog.yaml"), 'predict: "predict.ts:Predictor"\nsecrets:\n  other: null\n');
    const run = await runCli(["secrets", "set", "hf_token"], { cwd: dir, env: { ...env, TSC_COG_SECRET_hf_token: "x" }, stdin: VALUE });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /warning: \$TSC_COG_SECRET_hf_token is set in this environment and takes precedence over the store/);
    assert.match(run.stderr, /warning: cog\.yaml here does not declare "hf_token"; add `hf_token: null` under secrets:/);
  });

  test("killing set while it waits for the value leaves no file and no temp file", async () => {
    const { dir, env, store } = home();
    mkdirSync(store, { recursive: true, mode: 0o700 });
    const cli = startCli(["secrets", "set", "hf_token"], { cwd: dir, env, stdin: "a partial value without its end", keepStdinOpen: true });
    // Give it time to start and read the partial value; it cannot finish before stdin closes.
    await sleep(1500);
    assert.equal(cli.child.exitCode, null, "set finished before its input ended");
    cli.child.kill("SIGKILL");
    const timer = setTimeout(() => assert.fail("the killed process did not end"), 10_000);
    assert.equal((await cli.result).signal, "SIGKILL");
    clearTimeout(timer);
    assert.deepEqual(readdirSync(store), []);
  });

  test("list shows stored names only, and flags a file others can read with the chmod to run", async () => {
    const { dir, env, store } = home();
    for (const name of ["b_token", "a_token"]) await runCli(["secrets", "set", name], { cwd: dir, env, stdin: `${name}-${VALUE}` });
    chmodSync(join(store, "b_token"), 0o644);
    const run = await runCli(["secrets", "list"], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      `Local store (${store}):\n  a_token\n  b_token  refused: other users can read or change it (mode 644); run: chmod 600 ${store}/b_token\n`,
    );
    assert.ok(!run.stdout.includes(VALUE) && !run.stderr.includes(VALUE));
  });

  test("list of an empty store says how to add one", async () => {
    const { dir, env, store } = home();
    const run = await runCli(["secrets", "list"], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `No secrets in the local store (${store}). Add one with: tsc-cog secrets set NAME\n`);
  });

  test("rm removes a stored secret; rm of a name not stored says so, exit 2", async () => {
    const { dir, env, store } = home();
    await runCli(["secrets", "set", "hf_token"], { cwd: dir, env, stdin: VALUE });
    const removed = await runCli(["secrets", "rm", "hf_token"], { cwd: dir, env });
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal(removed.stderr, `Removed secret "hf_token" from the local store (${store})\n`);
    assert.equal(existsSync(join(store, "hf_token")), false);
    const missing = await runCli(["secrets", "rm", "hf_token"], { cwd: dir, env });
    assert.equal(missing.code, 2);
    assert.equal(
      missing.stderr,
      `error: no secret "hf_token" in the local store (${store}); nothing removed. See the stored names with: tsc-cog secrets list\n`,
    );
  });
});
