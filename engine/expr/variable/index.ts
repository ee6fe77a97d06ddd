/** variable expression operators. */
import type { ExprOperator } from '../types';

export const variableOperators: ExprOperator[] = [];
