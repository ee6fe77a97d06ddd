/**
 * Sliding aggregation over pane tables with two stacks (FIFO aggregation): a window's result is
 * merge(front.top.suffix, backAgg), so firing a window of P panes costs a few table merges
 * instead of P. Panes can still change after they were pushed (late documents within
 * allowedLateness); `sync` notices through pane versions and rebuilds from the panes.
 */
import type { Doc } from '../core/types';
import { GroupTable, type GroupPlan } from './groupTable';

export interface StackPane {
  start: number;
  table: GroupTable;
  /** Bumped on every document added to the pane. */
  version: number;
}

interface Item {
  pane: StackPane;
  version: number;
  /** Front items: this pane merged with every newer pane in the front stack. */
  suffix?: GroupTable;
}

export class PaneStack {
  /** Oldest item last (stack top). */
  private front: Item[] = [];
  /** Oldest first. */
  private back: Item[] = [];
  private backAgg: GroupTable;

  constructor(private readonly plan: GroupPlan) {
    this.backAgg = new GroupTable(plan);
  }

  /**
   * Make the stack hold exactly `panes` (ascending, all panes of the window about to fire)
   * and return the `$group` results over them.
   */
  sync(panes: StackPane[]): Doc[] {
    const first = panes[0];
    // Drop panes older than the window.
    if (first !== undefined) {
      for (let o = this.oldest(); o !== undefined && o.pane.start < first.start; o = this.oldest()) this.popOldest();
    }
    if (!this.holdsPrefixOf(panes)) this.reset();
    for (let i = this.size(); i < panes.length; i++) this.push(panes[i]!);
    return GroupTable.mergedResults(this.front[this.front.length - 1]?.suffix, this.backAgg);
  }

  /** Are the held items, oldest first, the first panes of `panes`, unchanged since pushed? */
  private holdsPrefixOf(panes: StackPane[]): boolean {
    const front = this.front;
    const back = this.back;
    if (front.length + back.length > panes.length) return false;
    let j = 0;
    for (let i = front.length - 1; i >= 0; i--, j++) {
      const it = front[i]!;
      if (it.pane !== panes[j] || it.version !== it.pane.version) return false;
    }
    for (let i = 0; i < back.length; i++, j++) {
      const it = back[i]!;
      if (it.pane !== panes[j] || it.version !== it.pane.version) return false;
    }
    return true;
  }

  private size(): number {
    return this.front.length + this.back.length;
  }

  private oldest(): Item | undefined {
    return this.front.length > 0 ? this.front[this.front.length - 1] : this.back[0];
  }

  private push(pane: StackPane): void {
    this.back.push({ pane, version: pane.version });
    this.backAgg.mergeFrom(pane.table);
  }

  private popOldest(): void {
    if (this.front.length === 0) this.flip();
    this.front.pop();
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
    this.backAgg = new GroupTable(this.plan);
  }

  reset(): void {
    this.front = [];
    this.back = [];
    this.backAgg = new GroupTable(this.plan);
  }
}
