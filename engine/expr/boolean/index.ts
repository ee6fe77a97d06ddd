/** boolean expression operators. */
import type { ExprOperator } from '../types';

export const booleanOperators: ExprOperator[] = [];
