/** conditional expression operators. */
import type { ExprOperator } from '../types';

export const conditionalOperators: ExprOperator[] = [];
