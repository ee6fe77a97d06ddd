/** The output panel's HTML: the page shell (strict CSP, nonce) around the panel's tabs and views. */
import { pageHtml, type PageAssets } from '../webviewHtml';

export type PanelAssets = PageAssets;
export { newNonce } from '../webviewHtml';

export function panelHtml(a: PanelAssets, nonce?: string): string {
  return pageHtml(a, 'ASP Output', `<header class="toolbar">
  <div class="tabs" role="tablist">
    <button id="tab-output" class="tab active" role="tab" aria-selected="true">Output</button>
    <button id="tab-table" class="tab" role="tab" aria-selected="false">Table</button>
    <button id="tab-histogram" class="tab" role="tab" aria-selected="false">Histogram</button>
    <button id="tab-stages" class="tab" role="tab" aria-selected="false">Stages</button>
  </div>
  <span id="run-label" class="run-label"></span>
  <input id="filter" type="search" placeholder="Filter (text, or dlq)" aria-label="Filter rows">
  <button id="pause" title="Pause the stream (rows keep arriving and wait)">Pause</button>
  <button id="clear" title="Clear all rows">Clear</button>
  <button id="export" title="Export the visible rows as NDJSON">Export NDJSON</button>
  <button id="export-csv" title="Export the visible rows as CSV, with the table's columns and order">Export CSV</button>
  <button id="stop" title="Stop the run" disabled>Stop</button>
  <button id="save-test" title="Save this run's input and output as a pipeline test next to the pipeline file" disabled>Save as Test</button>
</header>
<div id="status" class="status" aria-live="polite"></div>
<main id="output-view" class="view">
  <div id="list" class="list" tabindex="0" role="list"><div id="spacer" class="spacer"></div><div id="rows" class="rows"></div></div>
  <section id="detail" class="detail" aria-label="Selected document"><div class="hint">Select a row to see its document as a tree.</div></section>
</main>
<main id="table-view" class="view hidden">
  <div id="table-wrap" class="table-wrap" tabindex="0" role="table" aria-label="Rows as a table">
    <div id="table-head" class="thead" role="row"></div>
    <div id="table-body" class="tbody"><div id="table-spacer" class="spacer"></div><div id="table-rows" class="rows"></div></div>
  </div>
  <section id="table-detail" class="detail" aria-label="Selected document"><div class="hint">Click a column name to sort by it, + to show an object's fields as columns.</div></section>
</main>
<main id="histogram-view" class="view hidden">
  <div class="histogram">
    <div class="histogram-bar"><label for="histogram-field">Show</label> <select id="histogram-field" aria-label="What the histogram shows"><option value="">event time against processing time</option></select></div>
    <div id="histogram-summary" class="histogram-summary" aria-live="polite"></div>
    <canvas id="histogram" class="histogram-canvas" role="img" aria-label="Event time against processing time, with the watermark"></canvas>
    <div id="histogram-legend" class="legend"><span class="key cell"></span>rows <span class="key late"></span>late (DLQ) <span class="key wm"></span>watermark <span class="key wm dashed"></span>watermark − allowed lateness</div>
  </div>
</main>
<main id="stages-view" class="view hidden">
  <div id="stages" class="stages"><div class="hint">Run "ASP: Debug Pipeline" to capture what each stage emitted, dropped and sent to the DLQ.</div></div>
</main>`, nonce);
}
