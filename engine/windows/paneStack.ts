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
    while (first !== undefined && this.oldest() !== undefined && this.oldest()!.pane.start < first.start) this.popOldest();
    const held = this.items();
    let ok = held.length <= panes.length;
    for (let i = 0; ok && i < held.length; i++) ok = held[i]!.pane === panes[i] && held[i]!.version === panes[i]!.version;
    if (!ok) this.reset();
    for (let i = this.size(); i < panes.length; i++) this.push(panes[i]!);
    return GroupTable.mergedResults(this.front[this.front.length - 1]?.suffix, this.backAgg);
  }

  private size(): number {
    return this.front.length + this.back.length;
  }

  private oldest(): Item | undefined {
    return this.front.length > 0 ? this.front[this.front.length - 1] : this.back[0];
  }

  /** Held items, oldest first. */
  private items(): Item[] {
    return [...this.front].reverse().concat(this.back);
  }

  private push(pane: StackPane): void {
    this.back.push({ pane, version: pane.version });
    this.backAgg.mergeFrom(pane.table);
  }

  private popOldest(): void {
    if (this.front.length === 0) this.flip();
    this.front.pop();
  }

  /** Move the back stack to the front, computing suffix aggregates newest to oldest. */
  private flip(): void {
    let next: GroupTable | undefined;
    for (let i = this.back.length - 1; i >= 0; i--) {
      const item = this.back[i]!;
      const s = new GroupTable(this.plan);
      s.mergeFrom(item.pane.table);
      if (next !== undefined) s.mergeFrom(next);
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
