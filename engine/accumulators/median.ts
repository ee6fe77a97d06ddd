// https://www.mongodb.com/docs/manual/reference/operator/aggregation/median/
import { Double } from 'bson';
import type { Value } from '../core/types';
import type { AccumulatorSpec } from './types';
import { accError } from './_internal';
import { addNumber, checkMethod, percentileOf, sortNumbers } from './_percentiles';
import { isPlainObject } from '../bson/types';

export const median: AccumulatorSpec = {
  name: '$median',
  summary: 'Median (50th percentile) of the numeric values; null when there are none.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/median/',
  syntax: "{ $median: { input: <number>, method: 'approximate' } }",
  examples: [
    { title: 'median', input: [{ x: 3 }, { x: 1 }, { x: 2 }, { x: 'no' }], acc: { $median: { input: '$x', method: 'approximate' } }, expected: new Double(2) },
    { title: 'no numbers', input: [{}], acc: { $median: { input: '$x', method: 'approximate' } }, expected: null },
  ],
  compile(arg, c, path) {
    if (!isPlainObject(arg)) return accError(c, path, '$median requires an object argument');
    for (const k of Object.keys(arg)) if (k !== 'input' && k !== 'method') return accError(c, [...path, k], `$median found an unknown argument: ${k}`);
    if (!('input' in arg)) return accError(c, path, "$median requires an 'input' field");
    const method = checkMethod('$median', arg['method'], c, path);
    if (method === undefined) return undefined;
    const f = c.expr(arg['input'], [...path, 'input']);
    return {
      init: (): number[] => [],
      add: (s: number[], ctx) => addNumber(s, f(ctx)),
      merge: (a: number[], b: number[]) => a.concat(b),
      result: (s: number[]) => (s.length === 0 ? null : percentileOf(sortNumbers(s), 0.5, method)),
      snapshot: (s: number[]) => s.slice(),
      restore: (v: Value) => (v as number[]).slice(),
    };
  },
};
