/**
 * Expected against actual documents: exact or subset, ordered or unordered, with field paths
 * ignored. Values compare as MQL's $eq does (numbers by value across int, long, double and
 * decimal); object fields in any order. The result is a list of differences by path, paired so
 * that one missing document reads as one missing document, not as a shift of every later one.
 */
import type { Doc, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { equals } from '../bson/compare';
import { cloneValue } from '../json/clone';

export type MatchMode = 'exact' | 'subset';
export type OrderMode = 'ordered' | 'unordered';

export interface CompareOptions {
  match: MatchMode;
  order: OrderMode;
  ignore: string[];
}

/** One difference. Only `expected`: missing in the actual; only `actual`: not expected. */
export interface Difference {
  path: string;
  expected?: Value;
  actual?: Value;
  /** When an expected document was compared with an actual one at another index: that index. */
  actualIndex?: number;
}

/** Remove the ignored paths from a copy of each document (arrays are entered element by element). */
export function withoutIgnored(docs: Doc[], ignore: string[]): Doc[] {
  if (ignore.length === 0) return docs;
  const paths = ignore.map((p) => p.split('.'));
  return docs.map((d) => {
    const c = cloneValue(d) as Doc;
    for (const p of paths) drop(c, p, 0);
    return c;
  });
}

function drop(v: Value, path: string[], i: number): void {
  if (Array.isArray(v)) {
    const k = path[i]!;
    if (/^\d+$/.test(k)) {
      if (i === path.length - 1) return; // array elements are not removed (it would shift the rest)
      drop(v[Number(k)], path, i + 1);
    } else {
      for (const x of v) drop(x, path, i);
    }
    return;
  }
  if (!isPlainObject(v)) return;
  const k = path[i]!;
  if (i === path.length - 1) delete v[k];
  else drop(v[k], path, i + 1);
}

/** Does `actual` satisfy `expected`? `partial`: expected fields must be present, others may be. */
export function sameValue(expected: Value, actual: Value, partial: boolean): boolean {
  if (isPlainObject(expected) || isPlainObject(actual)) {
    if (!isPlainObject(expected) || !isPlainObject(actual)) return false;
    const ek = Object.keys(expected);
    if (!partial && ek.length !== Object.keys(actual).length) return false;
    return ek.every((k) => k in actual && sameValue(expected[k], actual[k], partial));
  }
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual) || expected.length !== actual.length) return false;
    return expected.every((x, i) => sameValue(x, actual[i], partial));
  }
  return equals(expected, actual);
}

/** Field-level differences between two values at `path`. */
export function diffValues(expected: Value, actual: Value, path: string, partial: boolean, out: Difference[]): void {
  if (isPlainObject(expected) && isPlainObject(actual)) {
    for (const k of Object.keys(expected)) {
      const p = `${path}.${k}`;
      if (!(k in actual)) out.push({ path: p, expected: expected[k] });
      else diffValues(expected[k], actual[k], p, partial, out);
    }
    if (!partial) for (const k of Object.keys(actual)) if (!(k in expected)) out.push({ path: `${path}.${k}`, actual: actual[k] });
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    expected.forEach((x, i) => diffValues(x, actual[i], `${path}[${i}]`, partial, out));
    return;
  }
  if (!sameValue(expected, actual, partial)) out.push({ path, expected, actual });
}

/** Compare one part (`output` or `dlq`) of a test. */
export function compareDocs(label: string, expectedIn: Doc[], actualIn: Doc[], opts: CompareOptions): Difference[] {
  const expected = withoutIgnored(expectedIn, opts.ignore);
  const actual = withoutIgnored(actualIn, opts.ignore);
  const partial = opts.match === 'subset';
  const fits = (i: number, j: number): boolean => sameValue(expected[i], actual[j], partial);
  const pairOf = opts.order === 'ordered' ? alignOrdered(expected.length, actual.length, fits) : matchUnordered(expected.length, actual.length, fits);
  const out: Difference[] = [];
  const usedActual = new Set(pairOf.filter((j) => j >= 0));
  const spare = actual.map((_, j) => j).filter((j) => !usedActual.has(j));
  // Unmatched expected documents are compared with the closest unmatched actual one (in the
  // same gap when ordered), so the report shows which fields differ.
  const nearest = (i: number): number | undefined => {
    const prev = pairOf.slice(0, i).reduce((m, j) => (j > m ? j : m), -1);
    const next = pairOf.slice(i + 1).find((j) => j >= 0) ?? actual.length;
    const pool = opts.order === 'ordered' ? spare.filter((j) => j > prev && j < next) : spare;
    let best: number | undefined;
    let bestCount = Infinity;
    for (const j of pool) {
      const d: Difference[] = [];
      diffValues(expected[i], actual[j], '', partial, d);
      if (d.length < bestCount) {
        best = j;
        bestCount = d.length;
      }
    }
    return best;
  };
  expected.forEach((e, i) => {
    if (pairOf[i]! >= 0) return;
    const j = nearest(i);
    if (j === undefined || !isPlainObject(actual[j])) {
      out.push({ path: `${label}[${i}]`, expected: e });
      return;
    }
    spare.splice(spare.indexOf(j), 1);
    const d: Difference[] = [];
    diffValues(e, actual[j], `${label}[${i}]`, partial, d);
    out.push(...(j === i ? d : d.map((x) => ({ ...x, actualIndex: j }))));
  });
  if (!partial) for (const j of spare) out.push({ path: `${label}[${j}]`, actual: actual[j] });
  return out;
}

/**
 * Ordered: the longest common subsequence under `fits`, so insertions and deletions stay local.
 * Returns, for each expected index, its actual index or -1.
 */
function alignOrdered(n: number, m: number, fits: (i: number, j: number) => boolean): number[] {
  const pair = new Array<number>(n).fill(-1);
  if (n * m > 4_000_000) {
    // Too big for the table: compare position by position.
    for (let i = 0; i < Math.min(n, m); i++) if (fits(i, i)) pair[i] = i;
    return pair;
  }
  const len = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i]![j] = fits(i, j) ? len[i + 1]![j + 1]! + 1 : Math.max(len[i + 1]![j]!, len[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (fits(i, j) && len[i]![j] === len[i + 1]![j + 1]! + 1) {
      pair[i++] = j++;
    } else if (len[i + 1]![j]! >= len[i]![j + 1]!) {
      i++;
    } else {
      j++;
    }
  }
  return pair;
}

/** Unordered: a maximum matching (augmenting paths), since a subset document may fit several. */
function matchUnordered(n: number, m: number, fits: (i: number, j: number) => boolean): number[] {
  const ofActual = new Array<number>(m).fill(-1);
  const pair = new Array<number>(n).fill(-1);
  const edges: number[][] = Array.from({ length: n }, (_, i) => [...Array(m).keys()].filter((j) => fits(i, j)));
  const tryAssign = (i: number, seen: Uint8Array): boolean => {
    for (const j of edges[i]!) {
      if (seen[j]) continue;
      seen[j] = 1;
      if (ofActual[j]! < 0 || tryAssign(ofActual[j]!, seen)) {
        ofActual[j] = i;
        pair[i] = j;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < n; i++) tryAssign(i, new Uint8Array(m));
  return pair;
}
