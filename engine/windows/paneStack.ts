/**
 * Sliding aggregation over pane tables with two stacks (FIFO aggregation): a window's result is
 * merge(front.top.suffix, backAgg), so firing a window of P panes costs a few table merges
 * instead of P. Panes can still change after they were pushed (late documents within
 * allowedLateness); the owner reports that through `touched`, and `sync` rebuilds from the panes.
 */
import type { Doc } from '../core/types';
import { GroupTable, type GroupPlan } from './groupTable';

export interface StackPane {
  start: number;
  table: GroupTable;
  /** Held by a PaneStack: a document added to the pane must be reported with `touched()`. */
  stacked: boolean;
}

interface Item {
  pane: StackPane;
  /** Front items: this pane merged with every newer pane in the front stack. */
  suffix?: GroupTable;
}

export class PaneStack {
  /** Oldest item last (stack top). */
  private front: Item[] = [];
  /** Oldest first. */
  private back: Item[] = [];
  private backAgg: GroupTable;
  /** A held pane changed since it was pushed. */
  private dirty = false;

  constructor(private readonly plan: GroupPlan) {
    this.backAgg = new GroupTable(plan);
  }

  /** A held pane got another document: its merged forms are stale. */
  touched(): void {
    this.dirty = true;
  }

  /**
   * Make the stack hold exactly `panes[lo..hi)` (ascending, all panes of the window about to
   * fire) and return the `$group` results over them.
   */
  sync(panes: readonly StackPane[], lo: number, hi: number): Doc[] {
    if (lo < hi) {
      // Drop panes older than the window.
      const first = panes[lo]!.start;
      for (let o = this.oldest(); o !== undefined && o.pane.start < first; o = this.oldest()) this.popOldest();
    }
    if (this.dirty || !this.holdsPrefixOf(panes, lo, hi)) this.reset();
    for (let i = lo + this.size(); i < hi; i++) this.push(panes[i]!);
    return GroupTable.mergedResults(this.front[this.front.length - 1]?.suffix, this.backAgg);
  }

  /**
   * Are the held items, oldest first, the first panes of `panes[lo..hi)`? Held panes are always
   * some of those panes in ascending order (older ones were popped, newer ones never pushed), so
   * the k held items are the first k exactly when the newest of them is the k-th pane.
   */
  private holdsPrefixOf(panes: readonly StackPane[], lo: number, hi: number): boolean {
    const k = this.size();
    if (k === 0) return true;
    if (k > hi - lo) return false;
    const newest = this.back.length > 0 ? this.back[this.back.length - 1]! : this.front[0]!;
    return newest.pane === panes[lo + k - 1] && this.oldest()!.pane === panes[lo];
  }

  private size(): number {
    return this.front.length + this.back.length;
  }

  private oldest(): Item | undefined {
    return this.front.length > 0 ? this.front[this.front.length - 1] : this.back[0];
  }

  private push(pane: StackPane): void {
    pane.stacked = true;
    this.back.push({ pane });
    this.backAgg.mergeFrom(pane.table);
  }

  private popOldest(): void {
    if (this.front.length === 0) this.flip();
    this.front.pop()!.pane.stacked = false;
  }

  /**
   * Move the back stack to the front, computing suffix aggregates newest to oldest. The newest
   * suffix is the pane's own table and the others share unmerged entries (see combine).
   */
  private flip(): void {
    let next: GroupTable | undefined;
    for (let i = this.back.length - 1; i >= 0; i--) {
      const item = this.back[i]!;
      const s = next === undefined ? item.pane.table : GroupTable.combine(item.pane.table, next);
      item.suffix = s;
      next = s;
      this.front.push(item);
    }
    this.back = [];
    this.backAgg.unlinkAgg();
    this.backAgg = new GroupTable(this.plan);
  }

  reset(): void {
    for (const it of this.front) it.pane.stacked = false;
    for (const it of this.back) it.pane.stacked = false;
    this.front = [];
    this.back = [];
    this.backAgg.unlinkAgg();
    this.backAgg = new GroupTable(this.plan);
    this.dirty = false;
  }
}
