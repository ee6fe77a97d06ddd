/** The output panel's HTML: a strict CSP where only our own nonce-tagged script and style run. */
import { randomBytes } from 'node:crypto';

export interface PanelAssets {
  scriptUri: string;
  styleUri: string;
  /** The webview's `cspSource` (where local resources are served from). */
  cspSource: string;
}

export function newNonce(): string {
  return randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

export function panelHtml(a: PanelAssets, nonce: string = newNonce()): string {
  const csp = [
    "default-src 'none'",
    `style-src ${a.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${a.cspSource}`,
    `img-src ${a.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${a.styleUri}">
<title>ASP Output</title>
</head>
<body>
<header class="toolbar">
  <div class="tabs" role="tablist">
    <button id="tab-output" class="tab active" role="tab" aria-selected="true">Output</button>
    <button id="tab-stages" class="tab" role="tab" aria-selected="false">Stages</button>
  </div>
  <span id="run-label" class="run-label"></span>
  <input id="filter" type="search" placeholder="Filter (text, or dlq)" aria-label="Filter rows">
  <button id="pause" title="Pause the stream (rows keep arriving and wait)">Pause</button>
  <button id="clear" title="Clear all rows">Clear</button>
  <button id="export" title="Export the visible rows as NDJSON">Export NDJSON</button>
  <button id="stop" title="Stop the run" disabled>Stop</button>
  <button id="save-test" title="Save this run's input and output as a pipeline test next to the pipeline file" disabled>Save as Test</button>
</header>
<div id="status" class="status" aria-live="polite"></div>
<main id="output-view" class="view">
  <div id="list" class="list" tabindex="0" role="list"><div id="spacer" class="spacer"></div><div id="rows" class="rows"></div></div>
  <section id="detail" class="detail" aria-label="Selected document"><div class="hint">Select a row to see its document as a tree.</div></section>
</main>
<main id="stages-view" class="view hidden">
  <div id="stages" class="stages"><div class="hint">Run "ASP: Debug Pipeline" to capture what each stage emitted, dropped and sent to the DLQ.</div></div>
</main>
<script nonce="${nonce}" src="${a.scriptUri}"></script>
</body>
</html>`;
}
