// https://www.mongodb.com/docs/manual/reference/operator/aggregation/bitNot/
import { Long } from 'bson';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { KIND_INT, KIND_LONG, numKind } from '../_shared/numeric';
import { unaryNumeric } from './_internal';

export const $bitNot: ExprOperator = {
  name: '$bitNot',
  category: 'arithmetic',
  summary: 'Bitwise NOT (every bit flipped) of an int or a long, of the same type.',
  docsUrl: docsUrl('bitNot'),
  syntax: '{ $bitNot: <int|long> }',
  examples: [
    { doc: { a: 5 }, expr: { $bitNot: '$a' }, expected: -6 },
    { doc: { a: Long.fromNumber(5) }, expr: { $bitNot: '$a' }, expected: Long.fromNumber(-6) },
    { doc: { a: 1.5 }, expr: { $bitNot: '$a' }, error: '$bitNot only supports int and long, not: double.' },
  ],
  compile(arg, c, path) {
    const f = unaryNumeric('$bitNot', c, path, arg, (v) => {
      const k = numKind(v);
      if (k === KIND_INT) return ~(v as number);
      if (k === KIND_LONG) return (v as Long).not();
      throw new ExprError(`$bitNot only supports int and long, not: ${typeName(v)}.`, 'TypeMismatch');
    });
    return f;
  },
};
