/** date expression operators. */
import type { ExprOperator } from '../types';
import { $dateAdd } from './dateAdd';
import { $dateDiff } from './dateDiff';
import { $dateFromParts } from './dateFromParts';
import { $dateFromString } from './dateFromString';
import { $dateSubtract } from './dateSubtract';
import { $dateToParts } from './dateToParts';
import { $dateToString } from './dateToString';
import { $dateTrunc } from './dateTrunc';
import { $dayOfMonth } from './dayOfMonth';
import { $dayOfWeek } from './dayOfWeek';
import { $dayOfYear } from './dayOfYear';
import { $hour } from './hour';
import { $isoDayOfWeek } from './isoDayOfWeek';
import { $isoWeek } from './isoWeek';
import { $isoWeekYear } from './isoWeekYear';
import { $millisecond } from './millisecond';
import { $minute } from './minute';
import { $month } from './month';
import { $second } from './second';
import { $week } from './week';
import { $year } from './year';

export const dateOperators: ExprOperator[] = [
  $dateAdd, $dateDiff, $dateFromParts, $dateFromString, $dateSubtract, $dateToParts, $dateToString, $dateTrunc,
  $dayOfMonth, $dayOfWeek, $dayOfYear, $hour, $isoDayOfWeek, $isoWeek, $isoWeekYear, $millisecond, $minute, $month,
  $second, $week, $year,
];
