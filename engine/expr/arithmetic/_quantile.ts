/** $median and $percentile as expressions over an array (or a single value). */
import type { JsonPath, Value } from '../../core/types';
import { typeName } from '../../bson/types';
import type { Compiler, Expr } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { numKind, toNumber } from '../_shared/numeric';
import { METHODS, addNumber, percentileOf } from '../_shared/percentiles';
import { repr } from '../_shared/values';

function collect(v: Value): number[] {
  const out: number[] = [];
  if (Array.isArray(v)) for (const x of v) addNumber(out, x);
  else addNumber(out, v);
  return out.sort((a, b) => a - b);
}

export function compileQuantile(name: '$median' | '$percentile', arg: Value, c: Compiler, path: JsonPath): Expr {
  const isMedian = name === '$median';
  const args = namedArgs(c, path, arg, name, isMedian ? ['input', 'method'] : ['input', 'p', 'method'], isMedian ? ['input', 'method'] : ['input', 'p', 'method'], {
    notObject: () => `specification must be an object; found ${repr(arg)}`,
    unknown: (k) => `BSON field '${name}.${k}' is an unknown field.`,
    missing: (k) => `BSON field '${name}.${k}' is missing but a required field`,
  });
  if (!args) return NULL_EXPR;
  const method = args['method'];
  if (typeof method !== 'string' || !METHODS.includes(method)) {
    return c.error([...path, 'method'], `Enumeration value '${String(method)}' for field '${name}.method' is not a valid value.`, 'ASP411');
  }
  let ps = [0.5];
  if (!isMedian) {
    const p = args['p'];
    if (!Array.isArray(p)) return c.error([...path, 'p'], `BSON field '$percentile.p' is the wrong type '${typeName(p)}', expected type 'array'`, 'ASP411');
    if (p.length === 0) return c.error([...path, 'p'], "'p' cannot be an empty array", 'ASP411');
    for (const x of p) {
      if (numKind(x) < 0 || toNumber(x) < 0 || toNumber(x) > 1) {
        return c.error([...path, 'p'], `'p' must be an array of numeric values from [0.0, 1.0] range, but received incorrect value: ${repr(x)}`, 'ASP411');
      }
    }
    ps = p.map(toNumber);
  }
  const input = c.expr(args['input'], [...path, 'input']);
  return (ctx) => {
    const sorted = collect(input(ctx));
    if (isMedian) return sorted.length === 0 ? null : percentileOf(sorted, 0.5, method);
    return ps.map((p) => (sorted.length === 0 ? null : percentileOf(sorted, p, method)));
  };
}
