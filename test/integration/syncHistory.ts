/**
 * Exactly once per document version, for initialSync tests: the test records every version it
 * writes (a distinct `v` per write, `deleted` for a delete), and the output's states per document
 * (scanned insert, then change events) must be that history from some version on, to the end:
 * no version twice (no duplicate), none skipped after the first delivered (no gap), the last the
 * collection's own state, and never a delete for a document that was not delivered first.
 */
import assert from 'node:assert/strict';
import type { Doc, Value } from '../../engine/core/types';

export const DELETED = 'deleted';

/** mongo-java-server's update events carry the $set delta as documentKey: use fullDocument there. */
export function idOf(e: Doc): Value {
  return (e['documentKey'] as Doc)['_id'] ?? (e['fullDocument'] as Doc | undefined)?.['_id'];
}

export function keyOf(coll: string, id: Value): string {
  return `${coll}:${typeof id === 'object' && id !== null && 'toHexString' in id ? (id as { toHexString(): string }).toHexString() : String(id)}`;
}

/** What each document went through since before the sync started. */
export class History {
  private readonly versions = new Map<string, string[]>();

  /** A document present before the start, at version `v`. */
  initial(coll: string, id: Value, v: string): void {
    this.versions.set(keyOf(coll, id), [v]);
  }

  /** A write made by the test: the document's new version (`DELETED` for a delete). */
  wrote(coll: string, id: Value, v: string): void {
    const k = keyOf(coll, id);
    const list = this.versions.get(k) ?? [];
    list.push(v);
    this.versions.set(k, list);
  }

  /** The state of `coll` as the history has it: key to last version, deleted ones left out. */
  finalState(coll: string): Map<string, string> {
    const m = new Map<string, string>();
    for (const [k, list] of this.versions) if (k.startsWith(`${coll}:`) && list[list.length - 1] !== DELETED) m.set(k, list[list.length - 1]!);
    return m;
  }

  /**
   * Assert exactly-once delivery per version. `out` are the emitted change events (scanned and
   * streamed); `keep(coll, v)` says which versions the source's filter lets through (default all).
   */
  check(out: Doc[], keep: (coll: string, v: string) => boolean = () => true): void {
    const seen = new Map<string, string[]>();
    for (const e of out) {
      const coll = String((e['ns'] as Doc)['coll']);
      const k = keyOf(coll, idOf(e));
      const state = e['operationType'] === 'delete' ? DELETED : String((e['fullDocument'] as Doc)['v']);
      const list = seen.get(k) ?? [];
      list.push(state);
      seen.set(k, list);
    }
    for (const k of seen.keys()) assert.ok(this.versions.has(k), `${k} was delivered but never written`);
    for (const [k, all] of this.versions) {
      const coll = k.slice(0, k.indexOf(':'));
      const versions = all.filter((v) => keep(coll, v));
      const got = seen.get(k) ?? [];
      const last = all[all.length - 1]!;
      if (got.length === 0) {
        assert.ok(last === DELETED || !keep(coll, last), `${k}: nothing delivered, but it ends at ${last} (history ${all.join(' → ')})`);
        continue;
      }
      assert.notEqual(got[0], DELETED, `${k}: a delete delivered for a document never delivered (history ${all.join(' → ')})`);
      const from = versions.indexOf(got[0]!);
      assert.ok(from >= 0, `${k}: delivered ${got[0]}, not a version (history ${all.join(' → ')})`);
      assert.deepEqual(got, versions.slice(from), `${k}: delivered ${got.join(' → ')}, history ${all.join(' → ')}`);
    }
  }
}
