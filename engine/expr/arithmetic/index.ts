/** arithmetic expression operators. */
import type { ExprOperator } from '../types';
import { $abs } from './abs';
import { $add } from './add';
import { $avg } from './avg';
import { $bitAnd } from './bitAnd';
import { $bitNot } from './bitNot';
import { $bitOr } from './bitOr';
import { $bitXor } from './bitXor';
import { $ceil } from './ceil';
import { $divide } from './divide';
import { $exp } from './exp';
import { $floor } from './floor';
import { $ln } from './ln';
import { $log } from './log';
import { $log10 } from './log10';
import { $max } from './max';
import { $median } from './median';
import { $min } from './min';
import { $mod } from './mod';
import { $multiply } from './multiply';
import { $percentile } from './percentile';
import { $pow } from './pow';
import { $rand } from './rand';
import { $round } from './round';
import { $sqrt } from './sqrt';
import { $stdDevPop } from './stdDevPop';
import { $stdDevSamp } from './stdDevSamp';
import { $subtract } from './subtract';
import { $sum } from './sum';
import { $trunc } from './trunc';

export const arithmeticOperators: ExprOperator[] = [
  $abs, $add, $avg, $bitAnd, $bitNot, $bitOr, $bitXor, $ceil, $divide, $exp, $floor, $ln, $log, $log10, $max, $median, $min, $mod,
  $multiply, $percentile, $pow, $rand, $round, $sqrt, $stdDevPop, $stdDevSamp, $subtract, $sum, $trunc,
];
