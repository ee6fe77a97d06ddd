/** type expression operators. */
import type { ExprOperator } from '../types';
import { $binarySize } from './binarySize';
import { $bsonSize } from './bsonSize';
import { $convert } from './convert';
import { $isNumber } from './isNumber';
import { $toBool } from './toBool';
import { $toDate } from './toDate';
import { $toDecimal } from './toDecimal';
import { $toDouble } from './toDouble';
import { $toInt } from './toInt';
import { $toLong } from './toLong';
import { $toObjectId } from './toObjectId';
import { $toString } from './toString';
import { $toUUID } from './toUUID';
import { $type } from './type';

export const typeOperators: ExprOperator[] = [
  $binarySize, $bsonSize, $convert, $isNumber, $toBool, $toDate, $toDecimal, $toDouble, $toInt, $toLong, $toObjectId, $toString, $toUUID, $type,
];
