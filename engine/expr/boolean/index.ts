/** boolean expression operators. */
import type { ExprOperator } from '../types';
import { $and } from './and';
import { $not } from './not';
import { $or } from './or';

export const booleanOperators: ExprOperator[] = [$and, $not, $or];
