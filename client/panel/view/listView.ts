/**
 * The Output tab: one compact JSON line per row, virtual (only the rows in view exist in the
 * DOM), following the newest row unless the user scrolled up.
 */
import type { Row, RowStore } from '../store';
import { el } from '../../webview/dom';
import { dlqReason } from './tree';

export const ROW_H = 20;

export class ListView {
  private follow = true;
  /** The rows currently in the DOM, in order. */
  private shown: Row[] = [];
  selected: Row | undefined;

  constructor(
    private readonly store: RowStore,
    private readonly list: HTMLElement,
    private readonly spacer: HTMLElement,
    private readonly rows: HTMLElement,
    onSelect: (row: Row) => void,
    onScroll: () => void,
  ) {
    list.addEventListener('scroll', () => {
      this.follow = list.scrollTop + list.clientHeight >= list.scrollHeight - ROW_H;
      onScroll();
    });
    rows.addEventListener('click', (ev) => {
      const target = ev.target instanceof HTMLElement ? ev.target.closest('.row') : null;
      if (!target) return;
      const row = this.shown[Array.prototype.indexOf.call(rows.children, target)];
      if (row) onSelect(row);
    });
  }

  render(): void {
    const { store, list, rows } = this;
    this.spacer.style.height = `${store.visibleCount * ROW_H}px`;
    if (this.follow) list.scrollTop = list.scrollHeight;
    const first = Math.max(0, Math.floor(list.scrollTop / ROW_H) - 2);
    const count = Math.ceil(list.clientHeight / ROW_H) + 4;
    const slice = store.slice(first, first + count);
    this.shown = slice;
    while (rows.childElementCount < slice.length) {
      const e = el('div', 'row');
      e.setAttribute('role', 'listitem');
      rows.appendChild(e);
    }
    while (rows.childElementCount > slice.length) rows.lastElementChild?.remove();
    rows.style.transform = `translateY(${first * ROW_H}px)`;
    slice.forEach((r, i) => {
      const e = rows.children[i] as HTMLElement;
      const sel = String(this.selected === r);
      if (e.dataset['seq'] === String(r.seq) && e.dataset['sel'] === sel) return;
      e.dataset['seq'] = String(r.seq);
      e.dataset['sel'] = sel;
      e.className = `row${r.dlq ? ' dlq' : ''}${this.selected === r ? ' selected' : ''}`;
      e.textContent = r.dlq ? `DLQ  ${dlqReason(r.doc)}  ${r.text}` : r.text;
      e.title = r.dlq ? 'Dead letter queue record' : '';
    });
  }
}
