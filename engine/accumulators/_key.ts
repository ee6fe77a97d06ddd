/**
 * Hashable keys for BSON values: equal under MongoDB's grouping equality (1, 1.0 and
 * NumberLong(1) group together; field order matters) => same key. Strings and numbers are
 * their own key, so the common `_id: "$device"` costs no allocation.
 */
import type { Value } from '../core/types';
import { isPlainObject, toNumber, typeName } from '../bson/types';
import type { Binary, Long, ObjectId, Timestamp } from 'bson';

export type GroupKey = string | number | boolean | null;

export function keyOf(v: Value): GroupKey {
  switch (typeof v) {
    case 'number':
      return v < TWO_53 && v > -TWO_53 ? v : bigKey(v);
    case 'string':
    case 'boolean':
      return v;
    case 'undefined':
      return null;
  }
  if (v === null) return null;
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'Long' || bt === 'Int32' || bt === 'Double' || bt === 'Decimal128') return numberKey(v);
  return '\u0001' + canon(v);
}

const TWO_53 = 9007199254740992;

/**
 * Numbers of any type group by value (1, 1.0, NumberLong(1)); an integer past 2^53 keys by its
 * exact digits so that distinct longs stay apart and a double equal to a long meets it.
 */
function numberKey(v: Value): GroupKey {
  if ((v as { _bsontype?: string })._bsontype === 'Long') {
    const n = (v as Long).toNumber();
    return n < TWO_53 && n > -TWO_53 ? n : '\u0002' + (v as Long).toString();
  }
  const n = toNumber(v);
  return n < TWO_53 && n > -TWO_53 ? n : bigKey(n);
}

function bigKey(n: number): GroupKey {
  return Number.isInteger(n) ? '\u0002' + BigInt(n).toString() : n;
}

function canon(v: Value): string {
  const t = typeName(v);
  switch (t) {
    case 'missing':
    case 'null':
      return 'n';
    case 'undefined':
      // Its own group: MongoDB's grouping equality tells undefined from null.
      return 'u';
    case 'int':
    case 'long':
    case 'double':
    case 'decimal':
      return '#' + String(numberKey(v));
    case 'string':
      return 's' + JSON.stringify(v);
    case 'bool':
      return v ? 'T' : 'F';
    case 'date':
      return 'D' + (v as Date).getTime();
    case 'objectId':
      return 'O' + (v as ObjectId).toHexString();
    case 'array':
      return '[' + (v as Value[]).map(canon).join(',') + ']';
    case 'object': {
      if (!isPlainObject(v)) return 'o' + String(v);
      let s = '{';
      for (const k of Object.keys(v)) {
        if (v[k] === undefined) continue;
        s += JSON.stringify(k) + ':' + canon(v[k]) + ',';
      }
      return s + '}';
    }
    case 'binData': {
      const b = v as Binary;
      return 'B' + b.sub_type + ':' + Buffer.from(b.buffer.subarray(0, b.position)).toString('base64');
    }
    case 'timestamp': {
      const ts = v as Timestamp;
      return 'S' + ts.high + ':' + ts.low;
    }
    case 'regex':
      return 'R' + String(v);
    default:
      return t + ':' + String(v);
  }
}
