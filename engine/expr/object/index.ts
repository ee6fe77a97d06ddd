/** object expression operators. */
import type { ExprOperator } from '../types';

export const objectOperators: ExprOperator[] = [];
