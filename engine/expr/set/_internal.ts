/** A small value set with MongoDB equality (1, 1.0 and NumberLong(1) are one element). */
import type { Value } from '../../core/types';
import { numKind, toNumber } from '../_shared/numeric';
import { eqValues } from '../_shared/values';

export class ValueSet {
  private readonly keyed = new Map<string, Value>();
  private readonly others: Value[] = [];
  /** Insertion order, for a stable output. */
  readonly values: Value[] = [];

  constructor(items: Value[] = []) {
    for (const v of items) this.add(v);
  }

  private static key(v: Value): string | undefined {
    if (typeof v === 'string') return 's' + v;
    if (typeof v === 'boolean') return v ? 'T' : 'F';
    if (v === null) return 'N';
    if (numKind(v) >= 0) return 'n' + toNumber(v);
    return undefined;
  }

  has(v: Value): boolean {
    const k = ValueSet.key(v);
    if (k !== undefined) return this.keyed.has(k);
    return this.others.some((o) => eqValues(o, v));
  }

  add(v: Value): boolean {
    if (this.has(v)) return false;
    const k = ValueSet.key(v);
    if (k !== undefined) this.keyed.set(k, v);
    else this.others.push(v);
    this.values.push(v);
    return true;
  }

  get size(): number {
    return this.values.length;
  }
}
