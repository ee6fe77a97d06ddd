/**
 * Seeded generators for the Avro property tests: random schemas (every primitive, named types
 * with namespaces and references back to earlier names, arrays, maps, unions, logical types)
 * and random values of a parsed schema, as the codec's AvroValues.
 */
import { prng } from '../../../engine/sources/sample';
import { branchName, type AvroType, type AvroValue } from '../../../engine/avro/types';

export interface Gen {
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  rnd(): number;
}

export function gen(seed: number): Gen {
  const rnd = prng(seed);
  return { rnd, int: (n) => Math.floor(rnd() * n), pick: (xs) => xs[Math.floor(rnd() * xs.length)]! };
}

const PRIMS = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'];
const LOGICAL: object[] = [
  { type: 'int', logicalType: 'date' },
  { type: 'int', logicalType: 'time-millis' },
  { type: 'long', logicalType: 'time-micros' },
  { type: 'long', logicalType: 'timestamp-millis' },
  { type: 'long', logicalType: 'timestamp-micros' },
  { type: 'long', logicalType: 'local-timestamp-millis' },
  { type: 'string', logicalType: 'uuid' },
  { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 3 },
];

/**
 * The names a reference can spell unambiguously here: full names with a namespace, and
 * null-namespace names only outside any namespace (inside one, a short name is qualified by it).
 */
function visible(st: { defined: string[]; ns: string }): string[] {
  return st.defined.filter((d) => d.includes('.') || st.ns === '');
}

/** A random schema as JSON; `defined` collects the full names declared so far (for references). */
export function genSchema(g: Gen, depth = 0, st = { n: 0, defined: [] as string[], ns: '' }): unknown {
  const leaf = depth > 0 && (depth >= 3 || g.int(10) < 4);
  if (leaf) {
    const r = g.int(10);
    if (r < 6) return g.pick(PRIMS);
    if (r < 8) return g.pick(LOGICAL);
    const refs = visible(st);
    if (refs.length > 0) return g.pick(refs);
    return 'string';
  }
  // Half of the top-level schemas are records, as registry schemas are.
  switch (depth === 0 && g.int(2) === 0 ? 0 : g.int(6)) {
    case 0: {
      const name = `R${st.n++}`;
      const ns = g.int(3) === 0 ? `ns${g.int(3)}` : undefined;
      const outer = st.ns;
      const here = ns ?? outer;
      st.ns = here;
      const fields = Array.from({ length: g.int(5) }, (_, i) => ({ name: `f${i}`, type: genSchema(g, depth + 1, st) }));
      st.ns = outer;
      st.defined.push(here ? `${here}.${name}` : name);
      return { type: 'record', name, ...(ns ? { namespace: ns } : {}), fields };
    }
    case 1: {
      const name = `E${st.n++}`;
      st.defined.push(st.ns ? `${st.ns}.${name}` : name);
      return { type: 'enum', name, symbols: Array.from({ length: 1 + g.int(4) }, (_, i) => `S${i}`) };
    }
    case 2: {
      const name = `F${st.n++}`;
      st.defined.push(st.ns ? `${st.ns}.${name}` : name);
      return { type: 'fixed', name, size: g.int(6) };
    }
    case 3:
      return { type: 'array', items: genSchema(g, depth + 1, st) };
    case 4:
      return { type: 'map', values: genSchema(g, depth + 1, st) };
    default: {
      // Distinct branch kinds: a union may hold one of each unnamed kind.
      const kinds = ['null', 'int', 'string', 'double', 'boolean', 'bytes'].sort(() => g.rnd() - 0.5).slice(0, 1 + g.int(3));
      const refs = visible(st);
      const named = refs.length > 0 && g.int(2) === 0 ? [g.pick(refs)] : [];
      return [...kinds, ...named];
    }
  }
}

const LONGS = [0n, 1n, -1n, 63n, -64n, 2n ** 31n, 2n ** 53n + 1n, -(2n ** 53n) - 7n, 2n ** 63n - 1n, -(2n ** 63n)];
const CHARS = ['a', 'Z', '0', ' ', 'é', '€', '😀', '\u0000', '"'];

/** A random value of `t`. */
export function genValue(g: Gen, t: AvroType, depth = 0): AvroValue {
  switch (t.kind) {
    case 'null':
      return null;
    case 'boolean':
      return g.int(2) === 0;
    case 'int':
      return g.pick([0, 1, -1, 2 ** 31 - 1, -(2 ** 31), g.int(2 ** 20) - 2 ** 19]);
    case 'long':
      return g.int(2) === 0 ? g.pick(LONGS) : BigInt(g.int(2 ** 40) - 2 ** 39);
    case 'float':
      return Math.fround(g.pick([0, -1.5, 3.25, 1e30, (g.rnd() - 0.5) * 1000]));
    case 'double':
      return g.pick([0, -0.1, Number.MAX_VALUE, Number.MIN_VALUE, (g.rnd() - 0.5) * 1e6, Infinity]);
    case 'bytes':
      return Buffer.from(Array.from({ length: g.int(40) }, () => g.int(256)));
    case 'string':
      return Array.from({ length: g.int(30) }, () => g.pick(CHARS)).join('');
    case 'fixed':
      return Buffer.from(Array.from({ length: t.size }, () => g.int(256)));
    case 'enum':
      return g.pick(t.symbols);
    case 'array':
      return depth > 4 ? [] : Array.from({ length: g.int(4) }, () => genValue(g, t.items, depth + 1));
    case 'map': {
      const out: Record<string, AvroValue> = {};
      if (depth <= 4) for (let i = g.int(4); i > 0; i--) out[`k${g.int(100)}`] = genValue(g, t.values, depth + 1);
      return out;
    }
    case 'record':
      return Object.fromEntries(t.fields.map((f) => [f.name, genValue(g, f.type, depth + 1)]));
    case 'union': {
      const b = g.pick(t.branches);
      return b.kind === 'null' ? null : { [branchName(b)]: genValue(g, b, depth + 1) };
    }
  }
}
