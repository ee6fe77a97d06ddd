/** set expression operators. */
import type { ExprOperator } from '../types';
import { $allElementsTrue } from './allElementsTrue';
import { $anyElementTrue } from './anyElementTrue';
import { $setDifference } from './setDifference';
import { $setEquals } from './setEquals';
import { $setIntersection } from './setIntersection';
import { $setIsSubset } from './setIsSubset';
import { $setUnion } from './setUnion';

export const setOperators: ExprOperator[] = [
  $allElementsTrue, $anyElementTrue, $setDifference, $setEquals, $setIntersection, $setIsSubset, $setUnion,
];
