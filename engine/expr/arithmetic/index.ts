/** arithmetic expression operators. */
import type { ExprOperator } from '../types';

export const arithmeticOperators: ExprOperator[] = [];
