import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadSwc } from "./swc.js";
import { syntaxErrorFromSwc } from "./syntax-error.js";

/** What swc throws for `source`, as a `[line, column, reason]` triple read by syntaxErrorFromSwc. */
function place(source: string, compile: "parse" | "transform"): [number, number, string] | undefined {
  const swc = loadSwc();
  try {
    if (compile === "parse") swc.parseSync(source, { syntax: "typescript" });
    else swc.transformSync(source, { filename: "/p/predict.ts", swcrc: false, jsc: { parser: { syntax: "typescript" } } });
  } catch (error) {
    const located = syntaxErrorFromSwc(error, "/p/predict.ts");
    return located && [located.line, located.column, located.reason];
  }
  return undefined;
}

describe("syntaxErrorFromSwc", () => {
  const cases: [source: string, expected: [number, number, string]][] = [
    ["let x = ;", [1, 9, "Expression expected"]],
    ["let é = 1;\nclass A {\n  m( {}\n}\n", [4, 1, "Expected ',', got '}'"]],
    ["let x = 1\n  y z\n", [2, 5, "Expected ';', '}' or <eof>"]],
    ["\n\n\n\n\n\n\n\n\n\nconst s = 'unterminated\n", [11, 11, "Unterminated string constant"]],
  ];
  for (const [source, expected] of cases) {
    for (const compile of ["parse", "transform"] as const) {
      it(`places ${JSON.stringify(source)} at ${expected.slice(0, 2).join(":")} (${compile})`, () => {
        assert.deepEqual(place(source, compile), expected);
      });
    }
  }

  it("is undefined for an error that is not a diagnostic", () => {
    assert.equal(syntaxErrorFromSwc(new Error("Bindings not found"), "/p/predict.ts"), undefined);
  });
});
