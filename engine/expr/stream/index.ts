/** stream expression operators: ASP's own, and the value generators ($createObjectId). */
import type { ExprOperator } from '../types';
import { $createObjectId } from './createObjectId';
import { $createUUID } from './createUUID';
import { $currentDate } from './currentDate';
import { $function } from './function';
import { $meta } from './meta';

export const streamOperators: ExprOperator[] = [$createObjectId, $createUUID, $currentDate, $function, $meta];
