// The playground's stylesheet: system fonts only (it works offline), visible focus, light and dark.

/** `GET /playground/assets/playground.css`. */
export const PLAYGROUND_CSS = `:root {
  color-scheme: light dark;
  --fg: #1b1b1f;
  --muted: #5b5b66;
  --bg: #ffffff;
  --panel: #f5f5f7;
  --border: #c4c4cc;
  --accent: #0b57d0;
  --danger: #b3261e;
  --ok: #1e7d32;
  --focus: #e8a400;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  line-height: 1.45;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6e6ea;
    --muted: #a6a6b0;
    --bg: #15151a;
    --panel: #1f1f26;
    --border: #4a4a55;
    --accent: #8ab4f8;
    --danger: #f2b8b5;
    --ok: #81c995;
  }
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg); }
header { padding: 1rem 1.5rem 0; }
h1 { font-size: 1.4rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.15rem; margin-top: 0; }
h3 { font-size: 1rem; margin: 1.25rem 0 0.4rem; }
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1.5rem; padding: 1rem 1.5rem 2rem; align-items: start; }
.panel { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 1rem 1.25rem; min-width: 0; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: 0.5rem; }
fieldset { border: 1px solid var(--border); border-radius: 6px; margin: 0 0 1rem; padding: 0.75rem 1rem; min-width: 0; }
fieldset.inputs { border: none; padding: 0; }
fieldset.inputs > legend { position: absolute; left: -999px; }
legend { font-weight: 600; padding: 0 0.25rem; }
.field { margin: 0 0 1rem; }
div.field { padding: 0; }
.label-row { display: flex; gap: 0.5rem; align-items: baseline; flex-wrap: wrap; }
label { font-weight: 600; }
.control label, .file-url label, .null-toggle label { font-weight: 500; margin-right: 0.5rem; }
.input-name { color: var(--muted); font-size: 0.85em; font-weight: 400; }
.required { color: var(--danger); font-weight: 400; font-size: 0.9em; }
.hint { color: var(--muted); font-size: 0.9em; margin: 0.15rem 0 0.35rem; }
.issue { color: var(--danger); font-size: 0.95em; margin: 0.35rem 0; white-space: pre-wrap; }
input, select, textarea, button { font: inherit; color: inherit; }
input[type="text"], input[type="url"], input[type="number"], input[type="password"], select, textarea {
  width: 100%; padding: 0.4rem 0.5rem; border: 1px solid var(--border); border-radius: 4px; background: var(--bg);
}
textarea { resize: vertical; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.95em; }
input[type="file"] { max-width: 100%; }
[aria-invalid="true"] { border-color: var(--danger); }
.file-url, .null-toggle, .control { margin-top: 0.4rem; }
button { padding: 0.45rem 1rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: var(--bg); cursor: pointer; }
button[type="button"] { background: transparent; color: var(--accent); }
button:disabled { opacity: 0.55; cursor: not-allowed; }
.actions { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
a { color: var(--accent); }
.facts { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 0; }
.facts dt { font-size: 0.85em; color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; }
[data-status="succeeded"] { color: var(--ok); }
[data-status="failed"], [data-status="error"], [data-status="canceled"] { color: var(--danger); }
pre { background: var(--bg); border: 1px solid var(--border); border-radius: 4px; padding: 0.6rem; overflow: auto; max-height: 24rem; white-space: pre-wrap; word-break: break-word; margin: 0; }
#output:empty::before, #logs:empty::before { content: "–"; color: var(--muted); }
.output-file { margin: 0; }
.output-file img, .output-file video { max-width: 100%; max-height: 28rem; display: block; border: 1px solid var(--border); background: repeating-conic-gradient(#8883 0% 25%, transparent 0% 50%) 50% / 16px 16px; }
.output-file audio { width: 100%; }
.output-file figcaption { margin-top: 0.3rem; font-size: 0.9em; }
.output-list { padding-left: 1.25rem; }
#copy-curl { margin-top: 0.5rem; }
`;
