/** string expression operators. */
import type { ExprOperator } from '../types';

export const stringOperators: ExprOperator[] = [];
