// The playground page's pure parts, in Node: the schema's fields, field text to values, the SSE
// parser, the curl command and the output display. The page itself is tested in Chromium
// (test/src/playground/playground.test.ts).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { curlCommand } from "./curl-command.js";
import { EventStreamParser } from "./event-stream-parser.js";
import { parseFieldText } from "./field-value.js";
import { displayOutput, fileOf } from "./output-display.js";
import { type FieldSpec, readModel } from "./schema-fields.js";

const field = (kind: FieldSpec["kind"], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name: "x",
  title: "X",
  kind,
  required: false,
  nullable: false,
  hasDefault: false,
  ...extra,
});

describe("readModel: a field per input of the OpenAPI document, in x-order", () => {
  const model = readModel({
    paths: { "/predictions": { post: { "x-cog-streaming": true } } },
    components: {
      schemas: {
        Input: {
          type: "object",
          required: ["prompt"],
          properties: {
            later: { type: "string", title: "Later" },
            mode: { allOf: [{ $ref: "#/components/schemas/mode" }], default: "a", "x-order": 2 },
            key: { type: "string", format: "password", "x-cog-secret": true, nullable: true, "x-order": 3 },
            prompt: { type: "string", title: "Prompt", "x-order": 0 },
            files: { type: "array", items: { type: "string", format: "uri" }, "x-order": 4 },
            either: { anyOf: [{ type: "string" }, { type: "integer" }], "x-order": 5 },
            maybe: { anyOf: [{ type: "integer", minimum: 1 }, { type: "null" }], "x-order": 6 },
            n: { type: "integer", minimum: 1, maximum: 5, default: 2, "x-order": 1 },
          },
        },
        mode: { title: "mode", enum: ["a", "b"], type: "string" },
        Output: { type: "array", items: { type: "string" }, "x-cog-array-display": "concatenate" },
      },
    },
  });

  it("orders the fields by x-order, a field without one last", () =>
    assert.deepEqual(
      model.fields.map((f) => f.name),
      ["prompt", "n", "mode", "key", "files", "either", "maybe", "later"],
    ));
  it("reads each field's kind", () =>
    assert.deepEqual(
      model.fields.map((f) => f.kind),
      ["text", "integer", "choice", "secret", "file-list", "json", "integer", "text"],
    ));
  it("resolves a choice's $ref, titles it after the input and keeps its default", () =>
    assert.deepEqual([model.fields[2].title, model.fields[2].choices, model.fields[2].default], ["Mode", ["a", "b"], "a"]));
  it("keeps bounds, required, nullable (also from anyOf with null)", () => {
    assert.deepEqual([model.fields[1].minimum, model.fields[1].maximum], [1, 5]);
    assert.deepEqual(
      model.fields.map((f) => [f.required, f.nullable]),
      [
        [true, false],
        [false, false],
        [false, false],
        [false, true],
        [false, false],
        [false, false],
        [false, true],
        [false, false],
      ],
    );
    assert.equal(model.fields[6].minimum, 1);
  });
  it("says a union accepts a string, streaming and concatenation", () => {
    assert.equal(model.fields[5].acceptsString, true);
    assert.equal(model.streaming, true);
    assert.equal(model.concatenate, true);
  });
});

describe("parseFieldText: a field's text to its value", () => {
  const cases: [string, FieldSpec, string, unknown][] = [
    ["an integer", field("integer"), " 3 ", 3],
    ["a number", field("number"), "0.25", 0.25],
    ["a list, one value per line (blank lines skipped)", field("list", { itemType: "string" }), "a b\n\nc\n", ["a b", "c"]],
    ["a list as a JSON array", field("list", { itemType: "string" }), '["a, b", "c"]', ["a, b", "c"]],
    ["a list of integers", field("list", { itemType: "integer" }), "1\n2", [1, 2]],
    ["a list of booleans", field("list", { itemType: "boolean" }), "true\nFalse", [true, false]],
    ["a union: JSON when it parses", field("json", { acceptsString: true }), "7", 7],
    ["a union: a JSON string stays a string", field("json", { acceptsString: true }), '"7"', "7"],
    ["a union: text that is not JSON is a string", field("json", { acceptsString: true }), "hello", "hello"],
    ["a secret is its text, untouched", field("secret"), ' s3cr"t ', ' s3cr"t '],
    ["a list of secrets: one value", field("secret-list"), "one", ["one"]],
    ["a list of secrets: a JSON array", field("secret-list"), '["a","b"]', ["a", "b"]],
  ];
  for (const [what, spec, text, expected] of cases)
    it(what, () => assert.deepEqual(parseFieldText(spec, text), { ok: true, value: expected }));

  const refusals: [string, FieldSpec, string, string][] = [
    ["a word for an integer", field("integer"), "abc", '"abc" is not a number'],
    ["a fraction for an integer", field("integer"), "1.5", '"1.5" is not a whole number'],
    ["a bad list line", field("list", { itemType: "number" }), "1\nx", 'line 2: "x" is not a number'],
    ["JSON-only text that is not JSON", field("json", { acceptsString: false }), "{", "is not valid JSON"],
  ];
  for (const [what, spec, text, message] of refusals)
    it(`refuses ${what}`, () => assert.deepEqual(parseFieldText(spec, text), { ok: false, message }));
});

describe("EventStreamParser: server-sent events fed in any pieces", () => {
  const stream =
    'event: start\ndata: {"id":"p"}\n\n: keep-alive\n\nevent: output\ndata: {"chunk":"a"}\r\n\r\nevent: log\ndata: x\ndata: y\n\n';
  const expected = [
    { event: "start", data: '{"id":"p"}' },
    { event: "output", data: '{"chunk":"a"}' },
    { event: "log", data: "x\ny" },
  ];
  it("parses a whole body", () => assert.deepEqual(new EventStreamParser().push(stream), expected));
  for (const size of [1, 2, 3, 7, 16]) {
    it(`parses the same body fed ${size} character(s) at a time`, () => {
      const parser = new EventStreamParser();
      const events = [];
      for (let i = 0; i < stream.length; i += size) events.push(...parser.push(stream.slice(i, i + size)));
      events.push(...parser.end());
      assert.deepEqual(events, expected);
    });
  }
  it("ends an event left without its blank line", () => {
    const parser = new EventStreamParser();
    assert.deepEqual(parser.push("event: completed\ndata: {}"), []);
    assert.deepEqual(parser.end(), [{ event: "completed", data: "{}" }]);
  });
});

describe("curlCommand: the equivalent command, secrets as variables", () => {
  const command = curlCommand({
    url: "http://127.0.0.1:5000/predictions",
    input: { prompt: "it's", api_key: "VALUE-never-shown", keys: ["k1", "k2"], image: "data:image/png;base64,AAAA", none: null },
    secrets: ["api_key", "keys", "none"],
    files: new Map([["image", [{ name: "a b's.png", type: "image/png" }]]]),
    streaming: true,
  });
  it("writes each secret as $NAME, a file as a base64 variable, and quotes for the shell", () =>
    assert.equal(
      command,
      [
        'IFS= read -rs API_KEY  # the secret input "api_key", typed without echo',
        `API_KEY=$(printf '%s' "$API_KEY" | sed 's/[\\\\"]/\\\\&/g')  # its \\ and " escaped for JSON`,
        'IFS= read -rs KEYS  # the secret input "keys", typed without echo',
        `IMAGE="data:image/png;base64,$(base64 < 'a b'\\''s.png' | tr -d '\\n')"`,
        "curl -sS -X POST 'http://127.0.0.1:5000/predictions' \\",
        "  -H 'Content-Type: application/json' \\",
        "  -H 'Accept: text/event-stream' -N \\",
        `  -d '{"input":{"prompt":"it'\\''s","api_key":"'"$API_KEY"'","keys":'"$KEYS"',"image":"'"$IMAGE"'","none":null}}'`,
      ].join("\n"),
    ));
  it("never holds a secret's value or a file's bytes", () => {
    assert.ok(!command.includes("VALUE-never-shown") && !command.includes("k1") && !command.includes("AAAA"));
  });
  it("sends, run by bash, the very secret typed: spaces at its ends, quotes and backslashes kept", () => {
    const secret = ` tsc-cog-CANARY "quoted" \\back\\slash\\ it's `;
    const lines = curlCommand({
      url: "http://127.0.0.1:5000/predictions",
      input: { api_key: "never read", prompt: "hi" },
      secrets: ["api_key"],
      files: new Map(),
      streaming: false,
    });
    // curl replaced by a function that prints the body (the argument after -d).
    const script = `curl() { while [ "$#" -gt 1 ]; do shift; done; printf '%s' "$1"; }\n${lines}\n`;
    const body = execFileSync("bash", ["-c", script], { input: `${secret}\n`, encoding: "utf8" });
    assert.deepEqual(JSON.parse(body), { input: { api_key: secret, prompt: "hi" } });
  });
});

describe("displayOutput: text, JSON or files", () => {
  const plain = { isFile: false, concatenate: false };
  const cases: [string, unknown, { isFile: boolean; concatenate: boolean }, unknown][] = [
    ["a string is text", "hi", plain, { kind: "text", text: "hi" }],
    ["strings of a concatenate iterator are joined", ["a", "b"], { isFile: false, concatenate: true }, { kind: "text", text: "ab" }],
    ["strings of an iterator are one per line", ["a", "b"], plain, { kind: "text", text: "a\nb" }],
    ["an object is pretty JSON", { a: 1 }, plain, { kind: "json", text: '{\n  "a": 1\n}' }],
    [
      "a data URL is a file",
      "data:image/png;base64,AA",
      plain,
      { kind: "file", file: { url: "data:image/png;base64,AA", media: "image", type: "image/png", name: "output.png" } },
    ],
  ];
  for (const [what, value, options, expected] of cases) it(what, () => assert.deepEqual(displayOutput(value, options), expected));

  it("knows media by a data URL's type or an http URL's extension", () => {
    assert.equal(fileOf("data:audio/wav;base64,AA", false)?.media, "audio");
    assert.equal(fileOf("https://example.com/out/clip.mp4?sig=1", false)?.media, "video");
    assert.equal(fileOf("https://example.com/out/clip.mp4", false)?.name, "clip.mp4");
    assert.equal(fileOf("https://example.com/page", false), undefined, "a plain URL is text");
    assert.equal(fileOf("https://example.com/result", true)?.media, "file", "unless the schema says it is a file");
  });
});
