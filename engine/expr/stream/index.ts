/** stream expression operators. */
import type { ExprOperator } from '../types';

export const streamOperators: ExprOperator[] = [];
