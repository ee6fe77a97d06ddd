// The output panel, inside the webview. Bundled with store.ts by scripts/esbuild.mjs into
// dist/panel.js. Rendering is virtual: only the rows in view exist in the DOM, redrawn at
// most once per animation frame, so a fast stream costs one store append per batch.
// @ts-check
import { RowStore } from './store';

/* global acquireVsCodeApi */
// eslint-disable-next-line no-undef
const vscode = acquireVsCodeApi();
const ROW_H = 20;
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

const store = new RowStore(20000);
let run = '';
let runActive = false;
let statusText = '';
/** @type {import('./store').Row | undefined} */
let selected;
let follow = true;
let renderQueued = false;
let lastRendered = -1;
/** The rows currently in the DOM, in order. @type {import('./store').Row[]} */
let shown = [];

const list = $('list');
const spacer = $('spacer');
const rowsEl = $('rows');
const detail = $('detail');
const statusEl = $('status');
const filter = /** @type {HTMLInputElement} */ ($('filter'));
const pauseBtn = /** @type {HTMLButtonElement} */ ($('pause'));
const stopBtn = /** @type {HTMLButtonElement} */ ($('stop'));
const saveTestBtn = /** @type {HTMLButtonElement} */ ($('save-test'));

function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(render);
}

function render() {
  renderQueued = false;
  const total = store.visibleCount;
  spacer.style.height = `${total * ROW_H}px`;
  if (follow) list.scrollTop = list.scrollHeight;
  const first = Math.max(0, Math.floor(list.scrollTop / ROW_H) - 2);
  const count = Math.ceil(list.clientHeight / ROW_H) + 4;
  const rows = store.slice(first, first + count);
  shown = rows;
  while (rowsEl.childElementCount < rows.length) {
    const el = document.createElement('div');
    el.className = 'row';
    el.setAttribute('role', 'listitem');
    rowsEl.appendChild(el);
  }
  while (rowsEl.childElementCount > rows.length) rowsEl.lastElementChild?.remove();
  rowsEl.style.transform = `translateY(${first * ROW_H}px)`;
  rows.forEach((r, i) => {
    const el = /** @type {HTMLElement} */ (rowsEl.children[i]);
    if (el.dataset['seq'] === String(r.seq) && el.dataset['sel'] === String(selected === r)) return;
    el.dataset['seq'] = String(r.seq);
    el.dataset['sel'] = String(selected === r);
    el.className = `row${r.dlq ? ' dlq' : ''}${selected === r ? ' selected' : ''}`;
    el.textContent = r.dlq ? `DLQ  ${dlqReason(r.doc)}  ${r.text}` : r.text;
    el.title = r.dlq ? 'Dead letter queue record' : '';
  });
  lastRendered = store.version;
  renderStatus();
}

/** @param {unknown} doc */
function dlqReason(doc) {
  const d = /** @type {any} */ (doc);
  const reason = d && d.errInfo && typeof d.errInfo.reason === 'string' ? d.errInfo.reason : 'error';
  return d && d.operatorName ? `${d.operatorName}: ${reason}` : reason;
}

function renderStatus() {
  const c = store.getCounts();
  const parts = [
    `${c.docs.toLocaleString()} docs`,
    `${c.dlq.toLocaleString()} DLQ`,
    `${store.visibleCount.toLocaleString()} shown`,
    `${c.rate.toLocaleString()}/s`,
  ];
  if (c.pending > 0) parts.push(`${c.pending.toLocaleString()} waiting`);
  if (c.evicted > 0) parts.push(`${c.evicted.toLocaleString()} older rows dropped`);
  if (statusText) parts.push(statusText);
  statusEl.textContent = parts.join(' · ');
}

list.addEventListener('scroll', () => {
  follow = list.scrollTop + list.clientHeight >= list.scrollHeight - ROW_H;
  scheduleRender();
});
window.addEventListener('resize', scheduleRender);

rowsEl.addEventListener('click', (ev) => {
  const el = /** @type {HTMLElement | null} */ (ev.target instanceof HTMLElement ? ev.target.closest('.row') : null);
  if (!el) return;
  selected = shown[Array.prototype.indexOf.call(rowsEl.children, el)] ?? selected;
  showDetail();
  scheduleRender();
});

function showDetail() {
  detail.textContent = '';
  if (!selected) return;
  const head = document.createElement('div');
  head.className = 'detail-head';
  head.textContent = selected.dlq ? `DLQ record · ${dlqReason(selected.doc)}` : `Document #${selected.seq + 1}`;
  detail.appendChild(head);
  if (selected.dlq && selected.stage !== undefined) {
    const go = document.createElement('button');
    const stage = selected.stage;
    const runName = selected.run;
    go.textContent = `Go to stage ${stage}`;
    go.addEventListener('click', () => vscode.postMessage({ type: 'gotoStage', run: runName, index: stage }));
    head.appendChild(go);
  }
  detail.appendChild(jsonTree(selected.doc, 0));
}

/**
 * A JSON tree of details/summary elements; children are built when first opened so a huge
 * document costs nothing until expanded.
 * @param {unknown} value
 * @param {number} depth
 * @param {string} [key]
 * @returns {HTMLElement}
 */
function jsonTree(value, depth, key) {
  const label = key === undefined ? '' : `${key}: `;
  if (value === null || typeof value !== 'object') {
    const leaf = document.createElement('div');
    leaf.className = `leaf t-${value === null ? 'null' : typeof value}`;
    leaf.textContent = label + JSON.stringify(value);
    return leaf;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const ext = extendedJson(value);
  if (ext !== undefined) {
    const leaf = document.createElement('div');
    leaf.className = 'leaf t-ext';
    leaf.textContent = label + ext;
    return leaf;
  }
  const node = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = `${label}${Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`}`;
  node.appendChild(summary);
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    for (const [k, v] of entries) node.appendChild(jsonTree(v, depth + 1, /** @type {string} */ (k)));
  };
  node.addEventListener('toggle', build);
  if (depth < 2) {
    node.open = true;
    build();
  }
  return node;
}

/** One-line form of relaxed Extended JSON wrappers ($date, $oid, ...). @param {object} v */
function extendedJson(v) {
  const keys = Object.keys(v);
  if (keys.length !== 1 || !keys[0]?.startsWith('$')) return undefined;
  const k = /** @type {string} */ (keys[0]);
  const inner = /** @type {any} */ (v)[k];
  if (k === '$date') return `Date(${typeof inner === 'object' && inner ? JSON.stringify(inner) : inner})`;
  if (k === '$oid') return `ObjectId(${inner})`;
  if (k === '$numberDecimal' || k === '$numberLong') return `${k.slice(7)}(${inner})`;
  return undefined;
}

// ---- toolbar ------------------------------------------------------------

let filterTimer = 0;
filter.addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = window.setTimeout(() => {
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

$('clear').addEventListener('click', () => {
  store.clear();
  selected = undefined;
  showDetail();
  scheduleRender();
});

$('export').addEventListener('click', () => {
  vscode.postMessage({ type: 'export', ndjson: store.toNdjson(), rows: store.visibleCount });
});

stopBtn.addEventListener('click', () => vscode.postMessage({ type: 'stop', run }));
saveTestBtn.addEventListener('click', () => vscode.postMessage({ type: 'saveAsTest', run }));

for (const [tabId, viewId] of [['tab-output', 'output-view'], ['tab-stages', 'stages-view']]) {
  $(/** @type {string} */ (tabId)).addEventListener('click', () => showTab(/** @type {string} */ (tabId), /** @type {string} */ (viewId)));
}

/** @param {string} tabId @param {string} viewId */
function showTab(tabId, viewId) {
  for (const t of document.querySelectorAll('.tab')) {
    t.classList.toggle('active', t.id === tabId);
    t.setAttribute('aria-selected', String(t.id === tabId));
  }
  for (const v of document.querySelectorAll('.view')) v.classList.toggle('hidden', v.id !== viewId);
  scheduleRender();
}

// ---- stages (Debug) -----------------------------------------------------

/** @param {string} runName @param {import('../../shared/protocol').StageTrace[]} stages */
function renderStages(runName, stages) {
  const root = $('stages');
  root.textContent = '';
  for (const s of stages) {
    const box = document.createElement('section');
    box.className = `stage${s.dlqCount > 0 ? ' has-dlq' : ''}`;
    const head = document.createElement('div');
    head.className = 'stage-head';
    const title = document.createElement('span');
    title.className = 'stage-name';
    title.textContent = `${s.innerIndex !== undefined ? `${s.index}.${s.innerIndex}` : s.index}  ${s.stage}`;
    const counts = document.createElement('span');
    counts.className = 'stage-counts';
    counts.textContent = `in ${s.inCount} → out ${s.outCount} · dropped ${s.droppedCount} · DLQ ${s.dlqCount}`;
    const go = document.createElement('button');
    go.textContent = 'Go to stage';
    go.addEventListener('click', () =>
      vscode.postMessage({ type: 'gotoStage', run: runName, index: s.index, innerIndex: s.innerIndex }),
    );
    head.append(title, counts, go);
    box.appendChild(head);
    for (const [label, docs, cls] of /** @type {const} */ ([
      ['emitted', s.emitted, 'emitted'],
      ['dropped', s.dropped, 'dropped'],
      ['DLQ', s.dlq, 'dlq'],
    ])) {
      if (docs.length === 0) continue;
      const group = document.createElement('details');
      group.className = `stage-docs ${cls}`;
      group.open = cls === 'dlq';
      const sum = document.createElement('summary');
      sum.textContent = `${label} (first ${docs.length})`;
      group.appendChild(sum);
      for (const d of docs) group.appendChild(jsonTree(d, 2));
      box.appendChild(group);
    }
    root.appendChild(box);
  }
  if (stages.length === 0) root.textContent = 'The run recorded no stages.';
}

// ---- messages from the host -------------------------------------------

window.addEventListener('message', (ev) => {
  const m = ev.data;
  switch (m && m.type) {
    case 'config':
      store.setCapacity(m.maxRows);
      break;
    case 'run':
      run = m.run;
      runActive = true;
      statusText = m.debug ? 'debugging…' : 'running…';
      $('run-label').textContent = `${m.label} · sinks: ${m.sinks}`;
      stopBtn.disabled = false;
      saveTestBtn.disabled = true;
      break;
    case 'rows':
      store.append(m.run, m.docs, m.dlqStages);
      break;
    case 'end':
      if (m.run === run) {
        runActive = false;
        stopBtn.disabled = true;
        saveTestBtn.disabled = Boolean(m.error);
        statusText = m.error ? `failed: ${m.error}` : `ended (${m.reason})`;
      }
      break;
    case 'trace':
      renderStages(m.run, m.stages);
      showTab('tab-stages', 'stages-view');
      break;
    case 'clear':
      store.clear();
      break;
  }
  scheduleRender();
});

// The rate decays while idle, and counts change while paused: refresh the status line.
setInterval(() => {
  if (runActive || store.version !== lastRendered) renderStatus();
}, 500);

vscode.postMessage({ type: 'ready' });
