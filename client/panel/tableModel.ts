/**
 * The table view's model: columns from the documents' top-level fields in first-seen order,
 * nested fields when the user expands an object column, and the row order of a sorted column.
 * Columns are learnt as rows arrive (one pass over a document's keys), so nothing rescans the
 * store per frame. Pure: runs in the webview and under node:test.
 */
import { compareValues, isPlainObject, valueAt } from './values';

/** More columns than this per object are not shown (the tree view still has every field). */
export const MAX_COLUMNS_PER_LEVEL = 60;

export interface Column {
  /** Dotted path from the document root. */
  path: string;
  /** Some value seen at this path is an object with fields: it can be expanded. */
  expandable: boolean;
  /** Depth of the path (0 = top-level field). */
  depth: number;
}

interface Level {
  keys: string[];
  seen: Set<string>;
}

export class ColumnSet {
  private readonly levels = new Map<string, Level>([['', { keys: [], seen: new Set() }]]);
  private readonly objectish = new Set<string>();
  private readonly expanded = new Set<string>();
  /** Bumped when the column list changes, so a renderer rebuilds its header only then. */
  version = 0;

  /** Learns the fields of one document (the top level, and the levels the user expanded). */
  observe(doc: unknown): void {
    this.visit(doc, '');
  }

  private visit(obj: unknown, prefix: string): void {
    if (!isPlainObject(obj)) return;
    const level = this.levels.get(prefix);
    if (!level) return;
    for (const k in obj) {
      const path = prefix === '' ? k : `${prefix}.${k}`;
      if (!level.seen.has(k) && level.keys.length < MAX_COLUMNS_PER_LEVEL) {
        level.seen.add(k);
        level.keys.push(k);
        this.version++;
      }
      const v = obj[k];
      if (!this.objectish.has(path) && isPlainObject(v) && Object.keys(v).length > 0) {
        this.objectish.add(path);
        this.version++;
      }
      if (this.expanded.has(path)) this.visit(v, path);
    }
  }

  isExpanded(path: string): boolean {
    return this.expanded.has(path);
  }

  /** Shows the fields of an object column instead of the column; `docs` are the rows to learn them from. */
  expand(path: string, docs: Iterable<unknown>): void {
    if (this.expanded.has(path)) return;
    this.expanded.add(path);
    this.levels.set(path, { keys: [], seen: new Set() });
    for (const d of docs) this.visit(valueAt(d, path), path);
    this.version++;
  }

  /** Folds a column (and anything expanded under it) back into one. */
  collapse(path: string): void {
    for (const p of [...this.expanded]) {
      if (p === path || p.startsWith(`${path}.`)) {
        this.expanded.delete(p);
        this.levels.delete(p);
      }
    }
    this.version++;
  }

  columns(): Column[] {
    const out: Column[] = [];
    const walk = (prefix: string, depth: number): void => {
      for (const k of this.levels.get(prefix)?.keys ?? []) {
        const path = prefix === '' ? k : `${prefix}.${k}`;
        const level = this.levels.get(path);
        if (this.expanded.has(path) && level && level.keys.length > 0) walk(path, depth + 1);
        else out.push({ path, expandable: this.objectish.has(path) && !this.expanded.has(path), depth });
      }
    };
    walk('', 0);
    return out;
  }

  clear(): void {
    this.levels.clear();
    this.levels.set('', { keys: [], seen: new Set() });
    this.objectish.clear();
    this.expanded.clear();
    this.version++;
  }
}

export interface SortSpec {
  path: string;
  /** 1 ascending, -1 descending. */
  dir: 1 | -1;
}

/**
 * The rows ordered by one column; rows with equal values keep their arrival order (the
 * comparison falls back to `seq`, so the order is total and stable across re-sorts).
 */
export function sortRows<R extends { seq: number }>(rows: readonly R[], value: (r: R) => unknown, sort: SortSpec): R[] {
  const keyed = rows.map((r) => ({ r, v: valueAt(value(r), sort.path) }));
  keyed.sort((a, b) => {
    const c = compareValues(a.v, b.v);
    return c !== 0 ? c * sort.dir : a.r.seq - b.r.seq;
  });
  return keyed.map((k) => k.r);
}

/** Next state of a header click: ascending, then descending, then unsorted. */
export function nextSort(current: SortSpec | undefined, path: string): SortSpec | undefined {
  if (!current || current.path !== path) return { path, dir: 1 };
  return current.dir === 1 ? { path, dir: -1 } : undefined;
}
