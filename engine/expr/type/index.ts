/** type expression operators. */
import type { ExprOperator } from '../types';

export const typeOperators: ExprOperator[] = [];
