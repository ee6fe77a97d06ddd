/** stream expression operators (ASP's own). */
import type { ExprOperator } from '../types';
import { $createUUID } from './createUUID';
import { $currentDate } from './currentDate';
import { $function } from './function';
import { $meta } from './meta';

export const streamOperators: ExprOperator[] = [$createUUID, $currentDate, $function, $meta];
