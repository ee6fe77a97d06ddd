/** conditional expression operators. */
import type { ExprOperator } from '../types';
import { $cond } from './cond';
import { $ifNull } from './ifNull';
import { $switch } from './switch';

export const conditionalOperators: ExprOperator[] = [$cond, $ifNull, $switch];
