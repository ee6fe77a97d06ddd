/** set expression operators. */
import type { ExprOperator } from '../types';

export const setOperators: ExprOperator[] = [];
