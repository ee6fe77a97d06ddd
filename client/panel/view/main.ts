/**
 * The output panel inside the webview (bundled by scripts/esbuild.mjs into dist/panel.js): the
 * bounded row store, and the Output, Table, Histogram and Stages tabs over it. Rendering is
 * virtual and happens at most once per animation frame (the histogram at most four times a
 * second), so a fast stream costs one store append per batch.
 */
import type { ExportFormat, FromWebview, ToWebview } from '../messages';
import { RowStore, type Row } from '../store';
import { ColumnSet } from '../tableModel';
import { toCsv, type CsvRow } from '../csv';
import { rowEventTime, type WatermarkSample } from '../histogram';
import { byId, el, webviewApi } from '../../webview/dom';
import { ListView } from './listView';
import { TableView, rowDoc } from './tableView';
import { HistogramView } from './histogramView';
import { FieldHistogramView } from './fieldHistogramView';
import { renderStages } from './stagesView';
import { dlqReason, jsonTree } from './tree';

const vscode = webviewApi<FromWebview>();
const HISTOGRAM_MS = 250;
/** Watermark samples kept for the histogram (one a second: an hour of them). */
const MAX_WATERMARKS = 3600;

const columns = new ColumnSet();
let tsField = '_ts';
/** Rows so far that carry an event time (the table shows its column once there is one). */
let timedRows = 0;
const store = new RowStore(20000, Date.now, (row) => {
  columns.observe(rowDoc(row));
  if (rowEventTime(row, tsField) !== undefined) timedRows++;
});
let run = '';
let runActive = false;
let statusText = '';
let watermarks: WatermarkSample[] = [];
let tab: 'output' | 'table' | 'histogram' | 'stages' = 'output';
let renderQueued = false;
let lastRendered = -1;
let histogramAt = 0;
let histogramVersion = -1;
let histogramTimer: ReturnType<typeof setTimeout> | undefined;

const statusEl = byId('status');
const filter = byId<HTMLInputElement>('filter');
const pauseBtn = byId<HTMLButtonElement>('pause');
const stopBtn = byId<HTMLButtonElement>('stop');
const saveTestBtn = byId<HTMLButtonElement>('save-test');

function showDetail(target: HTMLElement, row: Row | undefined): void {
  target.textContent = '';
  if (!row) return;
  const head = el('div', 'detail-head', row.dlq ? `DLQ record · ${dlqReason(row.doc)}` : `Document #${row.seq + 1}`);
  target.appendChild(head);
  if (row.dlq && row.stage !== undefined) {
    const stage = row.stage;
    const go = el('button', undefined, `Go to stage ${stage}`);
    go.addEventListener('click', () => vscode.postMessage({ type: 'gotoStage', run: row.run, index: stage }));
    head.appendChild(go);
  }
  target.appendChild(jsonTree(row.doc, 0));
}

const list = new ListView(store, byId('list'), byId('spacer'), byId('rows'), (row) => {
  list.selected = row;
  showDetail(byId('detail'), row);
  scheduleRender();
}, () => scheduleRender());

const table = new TableView(store, columns, byId('table-wrap'), byId('table-head'), byId('table-spacer'), byId('table-rows'), (row) => {
  table.selected = row;
  showDetail(byId('table-detail'), row);
  scheduleRender();
}, () => scheduleRender(), () => tsField, () => timedRows > 0);

const histogram = new HistogramView(byId<HTMLCanvasElement>('histogram'), byId('histogram-summary'));
const fieldHistogram = new FieldHistogramView(byId<HTMLCanvasElement>('histogram'), byId('histogram-summary'));
const fieldSelect = byId<HTMLSelectElement>('histogram-field');
/** '' = event time against processing time; else the numeric field whose values are binned. */
let histogramField = '';
let fieldOptionsVersion = -1;

/** The select lists the table's leaf columns; a column that holds no numbers says so when chosen. */
function refreshFieldOptions(): void {
  if (fieldOptionsVersion === columns.version) return;
  fieldOptionsVersion = columns.version;
  const paths = columns.columns().filter((c) => !c.expandable).map((c) => c.path);
  if (histogramField !== '' && !paths.includes(histogramField)) paths.push(histogramField);
  fieldSelect.length = 1;
  for (const p of paths) {
    const o = el('option', undefined, `values of ${p}`);
    o.value = p;
    fieldSelect.appendChild(o);
  }
  fieldSelect.value = histogramField;
}

fieldSelect.addEventListener('change', () => {
  histogramField = fieldSelect.value;
  byId('histogram-legend').classList.toggle('hidden', histogramField !== '');
  histogramVersion = -1;
  scheduleRender();
});

function scheduleRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(render);
}

function render(): void {
  renderQueued = false;
  if (tab === 'output') list.render();
  else if (tab === 'table') table.render();
  else if (tab === 'histogram') renderHistogram();
  lastRendered = store.version;
  renderStatus();
}

function renderHistogram(): void {
  if (histogramVersion === store.version + watermarks.length) return;
  const wait = histogramAt + HISTOGRAM_MS - performance.now();
  if (wait > 0) {
    histogramTimer ??= setTimeout(() => {
      histogramTimer = undefined;
      scheduleRender();
    }, wait);
    return;
  }
  histogramAt = performance.now();
  histogramVersion = store.version + watermarks.length;
  refreshFieldOptions();
  const rows = store.slice(0, store.visibleCount);
  if (histogramField === '') histogram.render(rows, tsField, watermarks);
  else fieldHistogram.render(rows, histogramField);
}

function renderStatus(): void {
  const c = store.getCounts();
  const parts = [`${c.docs.toLocaleString()} docs`, `${c.dlq.toLocaleString()} DLQ`, `${store.visibleCount.toLocaleString()} shown`, `${c.rate.toLocaleString()}/s`];
  if (c.pending > 0) parts.push(`${c.pending.toLocaleString()} waiting`);
  if (c.evicted > 0) parts.push(`${c.evicted.toLocaleString()} older rows dropped`);
  if (tab === 'table' && table.sortSpec) parts.push(`sorted by ${table.sortSpec.path} (re-sorted every second)`);
  if (statusText) parts.push(statusText);
  statusEl.textContent = parts.join(' · ');
}

window.addEventListener('resize', () => {
  histogramVersion = -1;
  scheduleRender();
});

// ---- toolbar ------------------------------------------------------------

let filterTimer: ReturnType<typeof setTimeout> | undefined;
filter.addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => {
    store.setFilter(filter.value);
    scheduleRender();
  }, 120);
});

pauseBtn.addEventListener('click', () => {
  store.setPaused(!store.isPaused);
  pauseBtn.textContent = store.isPaused ? 'Resume' : 'Pause';
  pauseBtn.classList.toggle('active', store.isPaused);
  scheduleRender();
});

byId('clear').addEventListener('click', () => {
  store.clear();
  columns.clear();
  watermarks = [];
  timedRows = 0;
  list.selected = table.selected = undefined;
  showDetail(byId('detail'), undefined);
  showDetail(byId('table-detail'), undefined);
  scheduleRender();
});

function exportRows(format: ExportFormat): void {
  if (format === 'ndjson') {
    vscode.postMessage({ type: 'export', format, text: store.toNdjson(), rows: store.visibleCount });
    return;
  }
  const rows = table.ordered();
  const text = toCsv(
    columns.columns().map((c) => c.path),
    rows.map((r) => {
      const row: CsvRow = { doc: rowDoc(r) };
      if (r.dlq) row.dlq = dlqReason(r.doc);
      const t = rowEventTime(r, tsField);
      if (t !== undefined) row.eventTime = t;
      return row;
    }),
  );
  vscode.postMessage({ type: 'export', format, text, rows: rows.length });
}
byId('export').addEventListener('click', () => exportRows('ndjson'));
byId('export-csv').addEventListener('click', () => exportRows('csv'));

stopBtn.addEventListener('click', () => vscode.postMessage({ type: 'stop', run }));
saveTestBtn.addEventListener('click', () => vscode.postMessage({ type: 'saveAsTest', run }));

const TABS = { output: 'output-view', table: 'table-view', histogram: 'histogram-view', stages: 'stages-view' } as const;
for (const name of Object.keys(TABS) as (keyof typeof TABS)[]) byId(`tab-${name}`).addEventListener('click', () => showTab(name));

function showTab(name: keyof typeof TABS): void {
  tab = name;
  for (const t of Array.from(document.querySelectorAll('.tab'))) {
    t.classList.toggle('active', t.id === `tab-${name}`);
    t.setAttribute('aria-selected', String(t.id === `tab-${name}`));
  }
  for (const v of Array.from(document.querySelectorAll('.view'))) v.classList.toggle('hidden', v.id !== TABS[name]);
  histogramVersion = -1;
  scheduleRender();
}

// ---- messages from the host -------------------------------------------

window.addEventListener('message', (ev: MessageEvent<ToWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'config':
      store.setCapacity(m.maxRows);
      break;
    case 'run':
      run = m.run;
      runActive = true;
      tsField = m.tsField ?? '_ts';
      watermarks = [];
      statusText = m.debug ? 'debugging…' : 'running…';
      byId('run-label').textContent = `${m.label} · sinks: ${m.sinks}`;
      stopBtn.disabled = false;
      saveTestBtn.disabled = true;
      break;
    case 'rows':
      store.append(m.run, m.docs, m.dlqStages);
      break;
    case 'progress':
      if (m.run === run && m.watermark !== undefined) {
        const s: WatermarkSample = { at: Date.now(), watermark: m.watermark };
        if (m.allowedLatenessMs !== undefined) s.allowedLatenessMs = m.allowedLatenessMs;
        watermarks.push(s);
        if (watermarks.length > MAX_WATERMARKS) watermarks.splice(0, watermarks.length - MAX_WATERMARKS);
      }
      break;
    case 'end':
      if (m.run === run) {
        runActive = false;
        stopBtn.disabled = true;
        // A failed run has no output worth keeping as a test.
        saveTestBtn.disabled = Boolean(m.error);
        statusText = m.error ? `failed: ${m.error}` : `ended (${m.reason})`;
      }
      break;
    case 'trace':
      renderStages(byId('stages'), m.stages, (index, innerIndex) => {
        const msg: FromWebview = { type: 'gotoStage', run: m.run, index };
        if (innerIndex !== undefined) msg.innerIndex = innerIndex;
        vscode.postMessage(msg);
      });
      showTab('stages');
      break;
    case 'clear':
      store.clear();
      columns.clear();
      watermarks = [];
      timedRows = 0;
      break;
  }
  scheduleRender();
});

// The rate decays while idle, and counts change while paused: refresh the status line.
setInterval(() => {
  if (runActive || store.version !== lastRendered) renderStatus();
}, 500);

vscode.postMessage({ type: 'ready' });
