/**
 * $limit inside a window: passes the first n documents of each window.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/limit/
 */
import { isNumber, toNumber } from '../bson/types';
import { CODES } from '../windows/codes';
import type { StageSpec } from '../parse/types';

export interface LimitConfig {
  n: number;
}

export const limit: StageSpec<LimitConfig> = {
  name: '$limit',
  kind: 'windowOnly',
  placement: { main: false, window: true, payload: false },
  operatorName: 'LimitOperator',
  summary: 'Passes only the first n documents of each window.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/limit/',
  syntax: '{ $limit: <positive integer> }',
  rootRole: 'literal',
  rootType: 'int',
  examples: [{ title: 'First two', stage: { $limit: 2 }, input: [{ a: 1 }, { a: 2 }, { a: 3 }], output: [{ a: 1 }, { a: 2 }] }],
  parse(arg, path, ctx) {
    const report = (message: string): undefined => {
      ctx.report({ code: CODES.limit, message, severity: 'error', path });
      return undefined;
    };
    // Any numeric type: 5.0 from a file is a double.
    if (!isNumber(arg)) return report('the limit must be specified as a number');
    const n = toNumber(arg);
    if (!Number.isInteger(n)) return report('the limit must be an integer');
    if (n <= 0) return report('the limit must be positive');
    return { n };
  },
  create(config, _rt, next) {
    let seen = 0;
    return {
      push(doc, meta) {
        if (seen < config.n) {
          seen++;
          next(doc, meta);
        }
      },
      flush() {
        seen = 0;
      },
      tables: () => [
        {
          name: 'limit',
          snapshot: () => seen,
          restore(data) {
            seen = data as number;
          },
          size: () => 8,
        },
      ],
    };
  },
};
