/** The literal list of expression operators: one source of truth for engine and editor. */
import type { ExprOperator } from './types';
import { arithmeticOperators } from './arithmetic';
import { comparisonOperators } from './comparison';
import { booleanOperators } from './boolean';
import { conditionalOperators } from './conditional';
import { stringOperators } from './string';
import { arrayOperators } from './array';
import { setOperators } from './set';
import { objectOperators } from './object';
import { typeOperators } from './type';
import { dateOperators } from './date';
import { variableOperators } from './variable';
import { streamOperators } from './stream';

export const allExprOperators: readonly ExprOperator[] = [
  ...arithmeticOperators,
  ...comparisonOperators,
  ...booleanOperators,
  ...conditionalOperators,
  ...stringOperators,
  ...arrayOperators,
  ...setOperators,
  ...objectOperators,
  ...typeOperators,
  ...dateOperators,
  ...variableOperators,
  ...streamOperators,
];

export const exprRegistry: ReadonlyMap<string, ExprOperator> = new Map(allExprOperators.map((o) => [o.name, o]));
