// The playground's HTML: a shell the page script fills from /openapi.json. No inline script or style
// (the Content-Security-Policy forbids them), nothing from another origin.

/** `GET /playground`. */
export const PLAYGROUND_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>tsc-cog playground</title>
<link rel="stylesheet" href="/playground/assets/playground.css">
<script type="module" src="/playground/assets/main.js"></script>
</head>
<body>
<a class="skip" href="#prediction-form">Skip to the form</a>
<header>
<h1>tsc-cog playground</h1>
<p id="model-summary" role="status">Loading the predictor's schema…</p>
</header>
<main>
<section aria-labelledby="input-heading" class="panel">
<h2 id="input-heading">Input</h2>
<form id="prediction-form" method="post" action="/playground" autocomplete="off">
<fieldset class="inputs">
<legend>Inputs</legend>
<div id="fields"><noscript><p>The playground needs JavaScript.</p></noscript></div>
</fieldset>
<p id="form-issues" class="issue" role="alert" hidden></p>
<div class="actions">
<button type="submit" id="run" disabled>Run</button>
<button type="button" id="cancel" hidden>Cancel</button>
<span class="hint">Ctrl+Enter runs from any field.</span>
</div>
</form>
</section>
<section aria-labelledby="result-heading" class="panel">
<h2 id="result-heading">Result</h2>
<dl class="facts">
<div><dt>Status</dt><dd id="result-status" role="status">–</dd></div>
<div><dt>Predict time</dt><dd id="result-time">–</dd></div>
<div><dt>Prediction id</dt><dd id="result-id">–</dd></div>
</dl>
<p id="result-error" class="issue" role="alert" hidden></p>
<h3 id="output-heading">Output</h3>
<div id="output" aria-labelledby="output-heading" aria-live="polite" aria-busy="false"></div>
<h3 id="logs-heading">Logs</h3>
<pre id="logs" aria-labelledby="logs-heading" tabindex="0"></pre>
<h3 id="curl-heading">Equivalent curl command</h3>
<p class="hint">Secret inputs are written as shell variables (<code>$NAME</code>), never their values.</p>
<pre aria-labelledby="curl-heading" tabindex="0"><code id="curl"></code></pre>
<button type="button" id="copy-curl">Copy the command</button>
</section>
</main>
</body>
</html>
`;
