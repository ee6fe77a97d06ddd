// https://www.mongodb.com/docs/manual/reference/operator/query/mod/
import type { Value } from '../../core/types';
import { isNumber, toNumber } from '../../bson/types';
import type { QueryOperatorSpec } from '../types';
import { anyValue } from '../values';

function bigOf(v: Value): bigint | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : undefined;
  if (typeof v === 'bigint') return v;
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'Long') return BigInt((v as { toString(): string }).toString());
  const n = toNumber(v);
  return Number.isFinite(n) ? BigInt(Math.trunc(n)) : undefined;
}

export const mod: QueryOperatorSpec = {
  name: '$mod',
  level: 'field',
  category: 'evaluation',
  summary: 'Matches numbers whose remainder after division by the divisor equals the remainder (values truncated to integers).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/mod/',
  syntax: '{ <field>: { $mod: [ <divisor>, <remainder> ] } }',
  examples: [{ filter: { qty: { $mod: [4, 0] } }, doc: { qty: 12 }, matches: true }, { filter: { qty: { $mod: [4, 0] } }, doc: { qty: 10 }, matches: false }],
  snippet: '[${1:divisor}, ${2:remainder}]',
  compileField(arg, q, path) {
    if (!Array.isArray(arg)) return q.fail(path, 'malformed mod, needs to be an array');
    if (arg.length < 2) return q.fail(path, 'malformed mod, not enough elements');
    if (arg.length > 2) return q.fail(path, 'malformed mod, too many elements');
    if (!isNumber(arg[0])) return q.fail([...path, 0], 'malformed mod, divisor not a number');
    if (!isNumber(arg[1])) return q.fail([...path, 1], 'malformed mod, remainder not a number');
    const d = bigOf(arg[0]);
    const r = bigOf(arg[1]);
    if (d === undefined) return q.fail([...path, 0], 'malformed mod, divisor value is invalid :: caused by :: Unable to coerce NaN/Inf to integral type');
    if (r === undefined) return q.fail([...path, 1], 'malformed mod, remainder value is invalid :: caused by :: Unable to coerce NaN/Inf to integral type');
    if (d === 0n) return q.fail([...path, 0], 'divisor cannot be 0');
    // Plain safe integers (the usual case) stay in doubles; everything else goes through BigInt.
    const small = Math.abs(Number(d)) <= Number.MAX_SAFE_INTEGER && Math.abs(Number(r)) <= Number.MAX_SAFE_INTEGER;
    const dn = Number(d);
    const rn = Number(r);
    return anyValue((v) => {
      if (small && typeof v === 'number' && Number.isSafeInteger(v)) return v % dn === rn;
      if (!isNumber(v)) return false;
      const x = bigOf(v);
      return x !== undefined && x % d === r;
    });
  },
};
