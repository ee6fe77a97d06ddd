// https://www.mongodb.com/docs/manual/reference/operator/query/mod/
import type { Value } from '../../core/types';
import type { Long } from 'bson';
import { isNumber, toNumber } from '../../bson/types';
import { quantize, toDec } from '../../expr/_shared/decimal';
import type { QueryOperatorSpec } from '../types';
import { anyValue } from '../values';

const TWO_63 = 9223372036854775808;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * BSONElement::tryCoerce to long long: toward zero; a string reason for NaN/Inf and for values
 * outside int64 (a double must be below 2^63, a decimal within int64 after truncation).
 */
function coerceLong(v: Value): bigint | string {
  if (typeof v === 'bigint') return v;
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'Long') return (v as Long).toBigInt();
  if (bt === 'Decimal128') {
    const d = toDec(v);
    if (d === null) return 'Unable to coerce NaN/Inf to integral type';
    const t = quantize(d, 0, 'down').c;
    return t < INT64_MIN || t > INT64_MAX ? 'Out of bounds coercing to integral value' : t;
  }
  const n = toNumber(v);
  if (!Number.isFinite(n)) return 'Unable to coerce NaN/Inf to integral type';
  if (n >= TWO_63 || n < -TWO_63) return 'Out of bounds coercing to integral value';
  return BigInt(Math.trunc(n));
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
    const d = coerceLong(arg[0]);
    const r = coerceLong(arg[1]);
    if (typeof d === 'string') return q.fail([...path, 0], `malformed mod, divisor value is invalid :: caused by :: ${d}`);
    if (typeof r === 'string') return q.fail([...path, 1], `malformed mod, remainder value is invalid :: caused by :: ${r}`);
    if (d === 0n) return q.fail([...path, 0], 'divisor cannot be 0');
    // Plain safe integers (the usual case) stay in doubles; everything else goes through BigInt.
    const small = Math.abs(Number(d)) <= Number.MAX_SAFE_INTEGER && Math.abs(Number(r)) <= Number.MAX_SAFE_INTEGER;
    const dn = Number(d);
    const rn = Number(r);
    return anyValue((v) => {
      if (small && typeof v === 'number' && Number.isSafeInteger(v)) return v % dn === rn;
      if (!isNumber(v)) return false;
      // A dividend that cannot be a long (NaN, infinite, beyond int64) never matches.
      const x = coerceLong(v);
      return typeof x !== 'string' && x % d === r;
    });
  },
};
