/** variable expression operators. */
import type { ExprOperator } from '../types';
import { $const } from './const';
import { $let } from './let';
import { $literal } from './literal';

export const variableOperators: ExprOperator[] = [$const, $let, $literal];
