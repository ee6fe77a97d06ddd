/** The membership test behind $in and $nin, with hash lookups for scalar lists. */
import type { JsonPath, Value } from '../../core/types';
import { isNumber, toNumber } from '../../bson/types';
import type { QueryContext, ValuePred } from '../types';
import { buildRegex, equalityTest, regexParts, regexTest } from '../values';
import { isOperatorDoc } from './_internal';

/** Compile the `$in` list into one test, or undefined after reporting a problem. */
export function membershipTest(name: string, arg: Value, q: QueryContext, path: JsonPath): ValuePred | undefined {
  if (!Array.isArray(arg)) return q.fail(path, `${name} needs an array`);
  const strings = new Set<string>();
  const numbers = new Set<number>();
  let hasNull = false;
  let hasNaN = false;
  let hasTrue = false;
  let hasFalse = false;
  const others: ValuePred[] = [];
  for (let i = 0; i < arg.length; i++) {
    const v = arg[i];
    const re = regexParts(v);
    if (re) {
      const r = buildRegex(re.pattern, re.options);
      if (typeof r === 'string') return q.fail([...path, i], r);
      others.push(regexTest(r, re.pattern, re.options));
    } else if (isOperatorDoc(v)) {
      return q.fail([...path, i], `cannot nest $ under ${name}`);
    } else if (v === null) hasNull = true;
    else if (typeof v === 'string') strings.add(v);
    else if (v === true) hasTrue = true;
    else if (v === false) hasFalse = true;
    else if (typeof v === 'number' && Number.isNaN(v)) hasNaN = true;
    else if (typeof v === 'number') numbers.add(v);
    else others.push(equalityTest(v));
  }
  return (v, ctx) => {
    switch (typeof v) {
      case 'string':
        if (strings.has(v)) return true;
        break;
      case 'number':
        if (v !== v ? hasNaN : numbers.has(v)) return true;
        break;
      case 'boolean':
        if (v ? hasTrue : hasFalse) return true;
        break;
      case 'undefined':
        return hasNull;
      case 'object':
        if (v === null) return hasNull;
        if (isNumber(v)) {
          const n = toNumber(v);
          if (n !== n ? hasNaN : numbers.has(n)) return true;
        } else if ((v as { _bsontype?: string })._bsontype === 'BSONSymbol' && strings.has((v as { value: string }).value)) {
          return true;
        }
        break;
    }
    for (let i = 0; i < others.length; i++) if (others[i]!(v, ctx)) return true;
    return false;
  };
}
