/** object expression operators. */
import type { ExprOperator } from '../types';
import { $arrayToObject } from './arrayToObject';
import { $getField } from './getField';
import { $mergeObjects } from './mergeObjects';
import { $objectToArray } from './objectToArray';
import { $setField } from './setField';
import { $unsetField } from './unsetField';

export const objectOperators: ExprOperator[] = [$arrayToObject, $getField, $mergeObjects, $objectToArray, $setField, $unsetField];
