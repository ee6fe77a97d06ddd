/** date expression operators. */
import type { ExprOperator } from '../types';

export const dateOperators: ExprOperator[] = [];
