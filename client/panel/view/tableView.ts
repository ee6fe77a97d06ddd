/**
 * The Table tab: one row per document, one column per top-level field (object columns expand
 * into their fields on demand), sortable by any column. Virtual like the Output tab: only the
 * rows in view are in the DOM. A sorted table re-sorts at most once a second while rows stream
 * in, so a fast run never sorts per batch.
 */
import type { Row, RowStore } from '../store';
import { ColumnSet, nextSort, sortRows, type Column, type SortSpec } from '../tableModel';
import { valueAt, valueText } from '../values';
import { rowEventTime } from '../histogram';
import { el } from '../../webview/dom';
import { dlqReason } from './tree';

const ROW_H = 20;
const RESORT_MS = 1000;
const CELL_CHARS = 200;
const COL_W = 160;
const FIRST_W = 64;
const TIME_W = 200;

/** The event-time column's sort key: no dot, so valueAt reads it as one key, and no field is named so. */
export const EVENT_TIME_COLUMN = '(event time)';

/** The document a row's columns read: a DLQ record's input document, else the output document. */
export function rowDoc(r: Row): unknown {
  return r.dlq ? valueAt(r.doc, 'doc') : r.doc;
}

export class TableView {
  private sort: SortSpec | undefined;
  private sorted: Row[] = [];
  private sortedAt = -Infinity;
  private sortedVersion = -1;
  private resortTimer: ReturnType<typeof setTimeout> | undefined;
  private headVersion = -1;
  private columns: Column[] = [];
  private follow = true;
  private shown: Row[] = [];
  selected: Row | undefined;

  constructor(
    private readonly store: RowStore,
    readonly cols: ColumnSet,
    private readonly wrap: HTMLElement,
    private readonly head: HTMLElement,
    private readonly spacer: HTMLElement,
    private readonly rows: HTMLElement,
    onSelect: (row: Row) => void,
    private readonly onChange: () => void,
    /** The field the run's source writes the event time to. */
    private readonly tsField: () => string,
    /** Some row so far has an event time: the table shows the column. */
    private readonly timed: () => boolean,
    private readonly now: () => number = () => performance.now(),
  ) {
    wrap.addEventListener('scroll', () => {
      this.follow = wrap.scrollTop + wrap.clientHeight >= wrap.scrollHeight - ROW_H;
      onChange();
    });
    head.addEventListener('click', (ev) => this.onHeadClick(ev));
    rows.addEventListener('click', (ev) => {
      const target = ev.target instanceof HTMLElement ? ev.target.closest('.trow') : null;
      if (!target) return;
      const row = this.shown[Array.prototype.indexOf.call(rows.children, target)];
      if (row) onSelect(row);
    });
  }

  private onHeadClick(ev: MouseEvent): void {
    const t = ev.target instanceof HTMLElement ? ev.target.closest<HTMLElement>('[data-action]') : null;
    const path = t?.dataset['path'];
    if (!t || path === undefined) return;
    switch (t.dataset['action']) {
      case 'sort':
        this.sort = nextSort(this.sort, path);
        this.sortedVersion = -1;
        break;
      case 'expand':
        this.cols.expand(path, this.store.slice(0, this.store.visibleCount).map(rowDoc));
        break;
      case 'collapse':
        this.cols.collapse(path);
        break;
    }
    this.onChange();
  }

  get sortSpec(): SortSpec | undefined {
    return this.sort;
  }

  /** What sortRows reads a row's sort key from. */
  private sortValue(sort: SortSpec): (r: Row) => unknown {
    if (sort.path !== EVENT_TIME_COLUMN) return rowDoc;
    const ts = this.tsField();
    return (r) => {
      const t = rowEventTime(r, ts);
      return { [EVENT_TIME_COLUMN]: t === undefined ? undefined : { $date: t } };
    };
  }

  /** Visible rows in table order (sorted when a column is sorted), for export. */
  ordered(): Row[] {
    const all = this.store.slice(0, this.store.visibleCount);
    return this.sort ? sortRows(all, this.sortValue(this.sort), this.sort) : all;
  }

  private rowCount(): number {
    return this.sort ? this.sorted.length : this.store.visibleCount;
  }

  private rowAt(i: number): Row | undefined {
    return this.sort ? this.sorted[i] : this.store.visibleAt(i);
  }

  private resortIfDue(): void {
    if (!this.sort) return;
    const t = this.now();
    if (this.sortedVersion === this.store.version) return;
    if (this.sortedVersion !== -1 && t - this.sortedAt < RESORT_MS) {
      // Come back when the second is over.
      this.resortTimer ??= setTimeout(() => {
        this.resortTimer = undefined;
        this.onChange();
      }, RESORT_MS - (t - this.sortedAt));
      return;
    }
    this.sorted = sortRows(this.store.slice(0, this.store.visibleCount), this.sortValue(this.sort), this.sort);
    this.sortedVersion = this.store.version;
    this.sortedAt = t;
  }

  private renderHead(): void {
    this.columns = this.cols.columns();
    this.headVersion = this.cols.version;
    this.timeShown = this.timed();
    const template = `${FIRST_W}px ${this.timeShown ? `${TIME_W}px ` : ''}${this.columns.map(() => `${COL_W}px`).join(' ')}`;
    this.wrap.style.setProperty('--cols', template);
    this.wrap.style.setProperty('--table-w', `${FIRST_W + (this.timeShown ? TIME_W : 0) + this.columns.length * COL_W}px`);
    this.head.textContent = '';
    this.head.appendChild(el('div', 'th first', '#'));
    if (this.timeShown) {
      const th = el('div', 'th time');
      th.setAttribute('role', 'columnheader');
      const label = el('span', 'th-label', 'event time');
      label.dataset['action'] = 'sort';
      label.dataset['path'] = EVENT_TIME_COLUMN;
      label.title = `Sort by event time (the source's ${this.tsField()}, a DLQ record's input document, or a window's start)`;
      th.appendChild(label);
      if (this.sort?.path === EVENT_TIME_COLUMN) th.appendChild(el('span', 'sort', this.sort.dir === 1 ? '▲' : '▼'));
      this.head.appendChild(th);
    }
    for (const c of this.columns) {
      const th = el('div', 'th');
      th.setAttribute('role', 'columnheader');
      if (c.depth > 0) {
        const parent = c.path.split('.').slice(0, c.depth).join('.');
        const fold = el('span', 'fold', '−');
        fold.title = `Fold ${parent} back into one column`;
        fold.dataset['action'] = 'collapse';
        fold.dataset['path'] = parent;
        th.appendChild(fold);
      }
      const label = el('span', 'th-label', c.path);
      label.dataset['action'] = 'sort';
      label.dataset['path'] = c.path;
      label.title = `Sort by ${c.path}`;
      th.appendChild(label);
      if (this.sort?.path === c.path) th.appendChild(el('span', 'sort', this.sort.dir === 1 ? '▲' : '▼'));
      if (c.expandable) {
        const exp = el('span', 'expand', '+');
        exp.title = `Show the fields of ${c.path} as columns`;
        exp.dataset['action'] = 'expand';
        exp.dataset['path'] = c.path;
        th.appendChild(exp);
      }
      this.head.appendChild(th);
    }
  }

  private sortShown = '';
  private timeShown = false;

  render(): void {
    this.resortIfDue();
    const sortKey = this.sort ? `${this.sort.path}:${this.sort.dir}` : '';
    if (this.headVersion !== this.cols.version || sortKey !== this.sortShown || this.timeShown !== this.timed()) {
      this.sortShown = sortKey;
      this.renderHead();
      for (const e of Array.from(this.rows.children) as HTMLElement[]) e.dataset['seq'] = '';
    }
    const { wrap, rows } = this;
    const total = this.rowCount();
    this.spacer.style.height = `${total * ROW_H}px`;
    if (this.follow && !this.sort) wrap.scrollTop = wrap.scrollHeight;
    const first = Math.max(0, Math.floor(wrap.scrollTop / ROW_H) - 2);
    const count = Math.ceil(wrap.clientHeight / ROW_H) + 4;
    const shown: Row[] = [];
    for (let i = first; i < Math.min(total, first + count); i++) shown.push(this.rowAt(i)!);
    this.shown = shown;
    while (rows.childElementCount < shown.length) rows.appendChild(el('div', 'trow'));
    while (rows.childElementCount > shown.length) rows.lastElementChild?.remove();
    rows.style.transform = `translateY(${first * ROW_H}px)`;
    shown.forEach((r, i) => this.fillRow(rows.children[i] as HTMLElement, r));
  }

  private fillRow(e: HTMLElement, r: Row): void {
    const sel = String(this.selected === r);
    if (e.dataset['seq'] === String(r.seq) && e.dataset['sel'] === sel) return;
    e.dataset['seq'] = String(r.seq);
    e.dataset['sel'] = sel;
    e.className = `trow${r.dlq ? ' dlq' : ''}${this.selected === r ? ' selected' : ''}`;
    const lead = this.timeShown ? 2 : 1;
    const n = this.columns.length + lead;
    while (e.childElementCount < n) e.appendChild(el('div', 'td'));
    while (e.childElementCount > n) e.lastElementChild?.remove();
    const first = e.firstElementChild as HTMLElement;
    first.textContent = r.dlq ? 'DLQ' : String(r.seq + 1);
    first.title = r.dlq ? dlqReason(r.doc) : '';
    if (this.timeShown) {
      const t = rowEventTime(r, this.tsField());
      (e.children[1] as HTMLElement).textContent = t === undefined ? '' : new Date(t).toISOString();
    }
    const doc = rowDoc(r);
    for (let c = 0; c < this.columns.length; c++) {
      const text = valueText(valueAt(doc, this.columns[c]!.path));
      (e.children[c + lead] as HTMLElement).textContent = text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS)}…` : text;
    }
  }
}
