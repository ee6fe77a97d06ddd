/** comparison expression operators. */
import type { ExprOperator } from '../types';

export const comparisonOperators: ExprOperator[] = [];
