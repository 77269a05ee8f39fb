import assert from "node:assert/strict";
import { test } from "node:test";
import { titleCase } from "./title-case.js";

test("titles are the name split on underscores with each part's first letter upper-cased, as Cog's TitleCase", () => {
  const table: [string, string][] = [
    ["no_default", "No Default"],
    ["prompt", "Prompt"],
    ["api_key_required", "Api Key Required"],
    ["camelCase", "CamelCase"],
    ["already_Upper", "Already Upper"],
    ["seed_2", "Seed 2"],
    ["a__b", "A  B"],
    ["_private", " Private"],
    ["trailing_", "Trailing "],
    ["ümlaut_name", "Ümlaut Name"],
  ];
  for (const [name, title] of table) assert.equal(titleCase(name), title, name);
});
