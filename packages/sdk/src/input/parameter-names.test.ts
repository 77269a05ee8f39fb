import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ParameterSource, parametersOf } from "./parameter-names.js";

/** Compiles source text to a function, so the table shows exactly the text the parser reads. */
function fromSource(source: string): (...args: never[]) => unknown {
  return new Function(`return (${source})`)() as (...args: never[]) => unknown;
}

const p = (name: string | undefined, hasInitializer = false): ParameterSource => ({ name, hasInitializer });

const cases: { source: string; expected: ParameterSource[] }[] = [
  { source: "function predict() {}", expected: [] },
  { source: "function predict(text, n) {}", expected: [p("text"), p("n")] },
  { source: "async function predict(text) {}", expected: [p("text")] },
  { source: "async function* predict(text) {}", expected: [p("text")] },
  { source: "({ async predict(text, n) {} }).predict", expected: [p("text"), p("n")] },
  { source: "({ async *predict(a) {} }).predict", expected: [p("a")] },
  { source: "function predict(  spaced  ,\n\tnext\n) {}", expected: [p("spaced"), p("next")] },
  { source: "function predict(n = 1) {}", expected: [p("n", true)] },
  { source: "function predict(a = [1, 2], b) {}", expected: [p("a", true), p("b")] },
  { source: "function predict(a = { x: [1, (2)] }, b = f(1, 2)) {}", expected: [p("a", true), p("b", true)] },
  { source: 'function predict(a = "x, y)", b) {}', expected: [p("a", true), p("b")] },
  { source: "function predict(a = 'it\\'s, (fine', b) {}", expected: [p("a", true), p("b")] },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text holds a template literal
  { source: "function predict(a = `t, ${1}`, b) {}", expected: [p("a", true), p("b")] },
  { source: "function predict(a /* , fake) */, b // c, d)\n) {}", expected: [p("a"), p("b")] },
  { source: "function predict(/* leading */ a) {}", expected: [p("a")] },
  { source: "function predict($x, _y, z9) {}", expected: [p("$x"), p("_y"), p("z9")] },
  { source: "function predict(größe, naïve = 1) {}", expected: [p("größe"), p("naïve", true)] },
  { source: "function predict(...rest) {}", expected: [p("rest")] },
  { source: "function predict({ a, b }, [c]) {}", expected: [p(undefined), p(undefined)] },
  { source: "function predict({ a } = {}) {}", expected: [p(undefined, true)] },
  { source: "function predict(a, b,) {}", expected: [p("a"), p("b")] },
];

describe("parametersOf reads parameter names from a function's source", () => {
  for (const { source, expected } of cases) {
    it(`reads ${JSON.stringify(source)}`, () => {
      assert.deepEqual(parametersOf(fromSource(source)), expected);
    });
  }

  it("reads the parameters of a compiled class method, not of the default's calls", () => {
    class Example {
      predict(text: string, n = Math.max(1, 2), tags: string[] = ["a,b", ")"]): unknown {
        return [text, n, tags];
      }
    }
    assert.deepEqual(parametersOf(Example.prototype.predict), [p("text"), p("n", true), p("tags", true)]);
  });
});
