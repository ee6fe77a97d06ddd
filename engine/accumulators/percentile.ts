// https://www.mongodb.com/docs/manual/reference/operator/aggregation/percentile/
import { Double } from 'bson';
import type { Value } from '../core/types';
import type { AccumulatorSpec } from './types';
import { accError } from './_internal';
import { addNumber, checkMethod, percentileOf, sortNumbers } from './_percentiles';
import { isPlainObject } from '../bson/types';

export const percentile: AccumulatorSpec = {
  name: '$percentile',
  summary: 'Array of the requested percentiles (p values in [0, 1]) of the numeric values.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/percentile/',
  syntax: "{ $percentile: { input: <number>, p: [ <number>, ... ], method: 'approximate' } }",
  examples: [
    {
      title: 'p50 and p90',
      input: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((x) => ({ x })),
      acc: { $percentile: { input: '$x', p: [0.5, 0.9], method: 'approximate' } },
      expected: [new Double(5), new Double(9)],
    },
    { title: 'no numbers', input: [{}], acc: { $percentile: { input: '$x', p: [0.5], method: 'approximate' } }, expected: [null] },
  ],
  compile(arg, c, path) {
    if (!isPlainObject(arg)) return accError(c, path, '$percentile requires an object argument');
    for (const k of Object.keys(arg)) {
      if (k !== 'input' && k !== 'method' && k !== 'p') return accError(c, [...path, k], `$percentile found an unknown argument: ${k}`);
    }
    if (!('input' in arg)) return accError(c, path, "$percentile requires an 'input' field");
    const ps = arg['p'];
    if (!Array.isArray(ps) || ps.length === 0 || ps.some((p) => typeof p !== 'number' || p < 0 || p > 1)) {
      return accError(c, [...path, 'p'], "The 'p' field must be a non-empty array of numbers between 0.0 and 1.0");
    }
    const method = checkMethod('$percentile', arg['method'], c, path);
    if (method === undefined) return undefined;
    const f = c.expr(arg['input'], [...path, 'input']);
    const probs = ps as number[];
    return {
      init: (): number[] => [],
      add: (s: number[], ctx) => addNumber(s, f(ctx)),
      merge: (a: number[], b: number[]) => a.concat(b),
      result(s: number[]) {
        if (s.length === 0) return probs.map(() => null);
        const sorted = sortNumbers(s);
        return probs.map((p) => percentileOf(sorted, p, method));
      },
      snapshot: (s: number[]) => s.slice(),
      restore: (v: Value) => (v as number[]).slice(),
    };
  },
};
