/** variable expression operators. */
import type { ExprOperator } from '../types';
import { $let } from './let';
import { $literal } from './literal';

export const variableOperators: ExprOperator[] = [$let, $literal];
