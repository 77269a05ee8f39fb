import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCommand } from "./table.js";
import { COMMAND_NAMES, closest, commandWords, SECRETS_ACTIONS } from "./usage-errors.js";

describe("closest: the command a mistyped word most likely meant", () => {
  const rows: readonly [string, string | undefined][] = [
    ["predcit", "predict"],
    ["prdict", "predict"],
    ["serv", "serve"],
    ["kube", "kubernetes"],
    ["buidl", "build"],
    ["Predict", "predict"],
    ["foo", undefined],
    ["x", undefined],
  ];
  for (const [typed, expected] of rows) {
    it(`${typed} → ${expected ?? "no suggestion"}`, () => assert.equal(closest(typed, COMMAND_NAMES), expected));
  }
});

describe("commandWords: the command as typed, past the global flags", () => {
  it("skips boolean flags before the command and takes a secrets action", () => {
    assert.deepEqual(commandWords(["--debug", "--no-color", "predict", "p.ts", "-i", "a=1"]), ["predict"]);
    assert.deepEqual(commandWords(["secrets", "--secrets-dir", "/run/secrets", "ls"]), ["secrets", "ls"]);
  });
});

describe("the known command names are the table's", () => {
  it("every command and secrets action the help lists is known, so none is called unknown", async () => {
    const help = async (argv: string[]) => {
      const log = console.log;
      let text = "";
      console.log = (line: string) => {
        text += line;
      };
      try {
        await parseCommand(argv);
      } finally {
        console.log = log;
      }
      return text;
    };
    // The names under "Commands:", and their aliases.
    const listed = (text: string, prefix: string) => {
      const section = /\nCommands:\n([\s\S]*?)\n\n/.exec(text)?.[1] ?? "";
      const names = [...section.matchAll(new RegExp(`^  tsc-cog ${prefix}(\\w+)`, "gm"))].map((m) => m[1]);
      const aliases = [...section.matchAll(/\[aliases: ([^\]]+)\]/g)].flatMap((m) => m[1].split(", "));
      return [...names, ...aliases];
    };
    const commands = listed(await help(["--help"]), "");
    const actions = listed(await help(["secrets", "--help"]), "secrets ");
    assert.deepEqual([commands.length, actions.length], [COMMAND_NAMES.length, SECRETS_ACTIONS.length], `${commands} / ${actions}`);
    for (const name of commands) assert.ok((COMMAND_NAMES as readonly string[]).includes(name), name);
    for (const name of actions) assert.ok((SECRETS_ACTIONS as readonly string[]).includes(name), name);
  });
});
