/**
 * Fuzz (issue 13 "Done when"): seeded random documents with every BSON type, deep nesting,
 * huge arrays and strings go through every expression operator (each catalog example, its
 * field paths pointed at random fields, plus memory bombs) and every query operator, each in
 * a real $addFields / $match stage. The engine must never throw anything but a document error
 * (which the stage sends to the DLQ), and the process must stay under a memory cap.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Binary, BSONRegExp, Decimal128, Double, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import type { Doc, Value } from '../../engine/core/types';
import { BSON_UNDEFINED } from '../../engine/bson/undefined';
import { analyzeText } from '../../engine/pipeline/analyze';
import { buildChain } from '../../engine/pipeline/chain';
import { builtinRegistry } from '../../engine/connectors/catalog/registry';
import { ManualClock } from '../../engine/core/clock';
import { allExprOperators } from '../../engine/expr/registry';
import { queryOperators } from '../../engine/query/registry';
import { toCanonicalJSON } from '../../engine/json/ejson';
import type { Operator } from '../../engine/core/operator';
import { prng } from '../../engine/sources/sample';

const DOCS = Number(process.env['FUZZ_DOCS'] ?? 24);
/** Resident memory the whole run may reach (documents, pipelines and the engine together). */
const MEMORY_CAP = 1536 * 1024 * 1024;
const FIELDS = ['$a', '$b', '$c', '$d', '$e', '$f', '$g.h', '$arr', '$s'];

const rnd = prng(Number(process.env['FUZZ_SEED'] ?? 13));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const chance = (p: number): boolean => rnd() < p;
const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

function scalar(): Value {
  switch (int(0, 22)) {
    case 0: return int(-5, 5);
    case 1: return int(-2147483648, 2147483647);
    case 2: return pick([0.5, -2.5, 1e-300, 1e300, NaN, Infinity, -Infinity, -0, 3e9]);
    case 3: return new Double(int(-3, 3));
    case 4: return Long.fromString(pick(['0', '-1', '9223372036854775807', '-9223372036854775808', '4294967296']));
    case 5: return Decimal128.fromString(pick(['0', '-0', '1.5', 'NaN', 'Infinity', '1E+6144', '-1E-6143', '123456789012345678901234567890']));
    case 6: return pick(['', 'a', 'hello world', 'ÿ€😀', '$notAField', '2024-01-01', '12:00:00.000', '0x1F', ' 5', 'null']);
    case 7: return chance(0.5);
    case 8: return null;
    case 9: return new Date(pick([0, -1, 1700000000000, 8.64e15, -8.64e15]));
    case 10: return new ObjectId('65a1b2c3d4e5f60718293a4b');
    case 11: return new Binary(Buffer.from([1, 2, 3, 4]), pick([0, 4, 5, 128]));
    case 12: return new Binary(Buffer.alloc(16, 7), 4);
    case 13: return new BSONRegExp(pick(['a.c', '^x', '(']), pick(['', 'i', 'mx']));
    case 14: return new Timestamp({ t: int(0, 2 ** 31), i: int(0, 10) });
    case 15: return new MinKey();
    case 16: return new MaxKey();
    case 17: return chance(0.5) ? undefined : BSON_UNDEFINED;
    case 18: return [];
    case 19: return {};
    case 20: return int(0, 30);
    case 21: return pick([1e9, 6553597, 2 ** 31, 40]);
    default: return 'x'.repeat(int(0, 40));
  }
}

function value(depth: number): Value {
  if (depth > 4 || chance(0.55)) return scalar();
  if (chance(0.5)) return Array.from({ length: int(0, 6) }, () => value(depth + 1));
  const o: Doc = {};
  for (let i = int(0, 4); i > 0; i--) o[pick(['a', 'b', 'h', 'x', '$y', 'a.b', ''])] = value(depth + 1);
  return o;
}

/** Nested `levels` deep in alternating objects and arrays. */
function deep(levels: number): Value {
  let v: Value = 1;
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { h: v };
  return v;
}

function fuzzDoc(i: number): Doc {
  const d: Doc = { _id: i };
  for (const f of ['a', 'b', 'c', 'd', 'e', 'f']) d[f] = value(0);
  d['g'] = chance(0.5) ? { h: value(1) } : value(0);
  d['arr'] = Array.from({ length: int(0, 8) }, () => value(2));
  d['s'] = pick(['abc', 'a,b,c', 'The quick brown fox', '']);
  // Now and then something large: a long array, a 1 MB string, deep nesting.
  if (i % 29 === 3) d['arr'] = Array.from({ length: 50_000 }, (_, k) => (k % 3 ? k : String(k)));
  if (i % 31 === 5) d['s'] = 'ab'.repeat(512 * 1024);
  if (i % 37 === 7) d['g'] = deep(150);
  if (i % 41 === 9) d['b'] = deep(400);
  return d;
}

/** Point an example's field paths at random fuzz fields (variables `$$x` stay). */
function retarget(v: Value): Value {
  if (typeof v === 'string') return v.startsWith('$') && !v.startsWith('$$') ? pick(FIELDS) : v;
  if (Array.isArray(v)) return v.map(retarget);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o: Doc = {};
    for (const k of Object.keys(v)) o[k] = retarget((v as Doc)[k]);
    return o;
  }
  return v;
}

/** Growth and size bombs, on top of the catalog. */
const BOMBS: Value[] = [
  { $range: [0, '$a'] },
  // `$nope` is never in a generated document: a per-document 1e9 that is not a constant.
  { $range: [0, { $ifNull: ['$nope', 1e9] }] },
  { $reduce: { input: { $range: [0, 40] }, initialValue: '$s', in: { $concat: ['$$value', '$$value'] } } },
  { $reduce: { input: { $range: [0, 40] }, initialValue: '$arr', in: { $concatArrays: ['$$value', '$$value'] } } },
  { $reduce: { input: { $range: [0, 300] }, initialValue: 0, in: { x: '$$value' } } },
  { $map: { input: { $range: [0, 20000] }, in: '$arr' } },
  { $map: { input: { $range: [0, { $ifNull: ['$nope', 100000] }] }, in: { $range: [0, 100] } } },
  { $replaceAll: { input: '$s', find: 'a', replacement: { $concat: ['$s', '$s'] } } },
  { $concatArrays: ['$arr', '$arr', '$arr', '$arr'] },
  { $zip: { inputs: ['$arr', '$arr', '$arr'] } },
  { $split: ['$s', 'a'] },
  { $sortArray: { input: '$arr', sortBy: 1 } },
  { $setUnion: ['$arr', '$arr'] },
];

const CONSTANT_BOMBS: Value[] = [
  { $range: [0, 1e9] },
  { $map: { input: { $range: [0, 100000] }, in: { $range: [0, 100] } } },
];

function queryArg(name: string): Value {
  switch (name) {
    case '$in': case '$nin': case '$all': return Array.from({ length: int(0, 4) }, scalar);
    case '$and': case '$or': case '$nor': return [{ a: { $gt: scalar() } }, { b: scalar() }];
    case '$not': return { $gt: scalar() };
    case '$exists': return chance(0.5);
    case '$type': return pick(['number', 'double', 'int', 'long', 'string', 'object', 16, 1, 'missing']);
    case '$regex': return pick(['^a', 'b.c', '']);
    case '$mod': return [pick([2, 3, 2.5, Long.fromNumber(4), -1]), pick([0, 1, -1])];
    case '$elemMatch': return { $gte: scalar() };
    case '$size': return int(0, 3);
    case '$bitsAllSet': case '$bitsAnySet': case '$bitsAllClear': case '$bitsAnyClear': return pick([0, 5, [1, 3], 2 ** 31]);
    case '$expr': return retarget(pick(allExprOperators).examples[0]!.expr);
    case '$jsonSchema': return { bsonType: 'object', properties: { a: { bsonType: pick(['double', 'int', 'long', 'string']) } } };
    case '$comment': return 'fuzz';
    default: return scalar() ?? null;
  }
}

interface Probe {
  label: string;
  op: Operator;
}

const clock = new ManualClock(Date.UTC(2024, 0, 1));
let dlq = 0;
let out = 0;

function probe(stage: Doc, label: string): Probe | undefined {
  const text = toCanonicalJSON([{ $source: { documents: [] } }, stage]);
  const a = analyzeText(text, { connections: builtinRegistry() });
  // A pipeline the analyzer rejects never runs, which is the right outcome too.
  if (a.hasErrors || !a.validated) return undefined;
  const rt = { clock, slotCount: a.validated.compiler.slotCount, dlq: () => void dlq++, processorName: 'fuzz' };
  return { label, op: buildChain(a.validated.stages.slice(1), rt, () => void out++) };
}

test('fuzz: generated documents through every expression and query operator never crash or exhaust the engine', () => {
  const probes: Probe[] = [];
  let rejected = 0;
  for (const op of allExprOperators) {
    for (const ex of op.examples) {
      for (const expr of [ex.expr, retarget(ex.expr)]) {
        const p = probe({ $addFields: { out: expr } }, `${op.name} ${JSON.stringify(expr)}`);
        if (p) probes.push(p);
        else rejected++;
      }
    }
  }
  // With only constant arguments the same bombs fail when the pipeline is compiled (ASP411).
  for (const b of CONSTANT_BOMBS) {
    const a = analyzeText(toCanonicalJSON([{ $source: { documents: [] } }, { $addFields: { out: b } }]), { connections: builtinRegistry() });
    assert.ok(a.diagnostics.some((d) => d.code === 'ASP411' && /too much memory/.test(d.message)), `constant bomb ${JSON.stringify(b)}: ${JSON.stringify(a.diagnostics)}`);
  }
  for (const b of BOMBS) {
    const p = probe({ $addFields: { out: b } }, JSON.stringify(b));
    assert.ok(p, `bomb ${JSON.stringify(b)} should compile`);
    probes.push(p);
  }
  for (const q of queryOperators) {
    for (let k = 0; k < 4; k++) {
      const filter = q.level === 'top' ? { [q.name]: queryArg(q.name) } : { [pick(FIELDS).slice(1)]: { [q.name]: queryArg(q.name) } };
      const p = probe({ $match: filter }, `${q.name} ${JSON.stringify(filter)}`);
      if (p) probes.push(p);
      else rejected++;
    }
  }
  const meta = { ts: 0, source: { type: 'documents' } };
  let evaluations = 0;
  let peak = 0;
  for (let i = 0; i < DOCS; i++) {
    const d = fuzzDoc(i);
    for (const p of probes) {
      try {
        p.op.push(d, meta);
      } catch (e) {
        assert.fail(`${p.label} on document ${i} threw ${(e as Error).name}: ${(e as Error).message}`);
      }
      if (++evaluations % 500 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  process.stdout.write(`# fuzz (seed ${process.env['FUZZ_SEED'] ?? 13}): ${DOCS} documents x ${probes.length} stages = ${evaluations} evaluations (${rejected} generated stages rejected at compile time); ${out} outputs, ${dlq} to the DLQ; peak RSS ${Math.round(peak / 1024 / 1024)} MB\n`);
  assert.ok(peak < MEMORY_CAP, `peak RSS ${peak} over the ${MEMORY_CAP} cap`);
  assert.ok(dlq > 0 && out > 0);
});
