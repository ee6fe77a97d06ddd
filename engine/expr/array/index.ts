/** array expression operators. */
import type { ExprOperator } from '../types';

export const arrayOperators: ExprOperator[] = [];
