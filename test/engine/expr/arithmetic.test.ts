import { Decimal128, Double, Long } from 'bson';
import { compileErr, err, table } from './_support';

const dec = (s: string) => Decimal128.fromString(s);
const long = (n: number) => Long.fromNumber(n);
/** A BSON double with an integral value (2.0), as MongoDB returns it. */
const dbl = (n: number) => new Double(n);

table('$abs', [
  [{ a: -2.5 }, { $abs: '$a' }, 2.5],
  [{ a: long(-3) }, { $abs: '$a' }, long(3)],
  [{ a: dec('-1.5') }, { $abs: '$a' }, dec('1.5')],
  [{ a: null }, { $abs: '$a' }, null],
  [{}, { $abs: '$a' }, null],
  [{ a: 'x' }, { $abs: '$a' }, err('$abs only supports numeric types, not string')],
  [{ a: Long.MIN_VALUE }, { $abs: '$a' }, err("can't take $abs of long long min")],
  [{}, { $abs: [1, 2] }, compileErr('ASP410')],
]);

table('$add', [
  [{ a: 1, b: 2.5 }, { $add: ['$a', '$b', 1] }, 4.5],
  [{ a: long(1) }, { $add: ['$a', 2] }, long(3)],
  [{ a: dec('1') }, { $add: ['$a', 0.1] }, dec('1.100000000000000')],
  [{ a: dec('0.1') }, { $add: ['$a', dec('0.2')] }, dec('0.3')],
  [{ d: new Date(1000) }, { $add: [5, '$d'] }, new Date(1005)],
  [{ d: new Date(1000) }, { $add: ['$d', '$d'] }, err('only one date allowed in an $add expression')],
  [{ a: 1 }, { $add: ['$a', '$x'] }, null],
  [{ a: 1 }, { $add: ['$a', null] }, null],
  [{ a: true }, { $add: ['$a', 1] }, err('$add only supports numeric or date types, not bool')],
  [{}, { $add: [] }, 0],
]);

table('$subtract', [
  [{ a: 5, b: 7 }, { $subtract: ['$a', '$b'] }, -2],
  [{ a: long(5) }, { $subtract: ['$a', 1] }, long(4)],
  [{ d: new Date(5000) }, { $subtract: ['$d', 1000] }, new Date(4000)],
  [{ d: new Date(5000), e: new Date(1000) }, { $subtract: ['$d', '$e'] }, long(4000)],
  [{ d: new Date(5000) }, { $subtract: [1, '$d'] }, err("can't $subtract date from int")],
  [{ d: new Date(5000) }, { $subtract: ['$d', 'x'] }, err("can't $subtract string from Date")],
  [{}, { $subtract: ['$a', 1] }, null],
  [{}, { $subtract: [null, 'x'] }, null],
  [{}, { $subtract: [1] }, compileErr('ASP410')],
]);

table('$multiply', [
  [{ a: 2, b: 3.5 }, { $multiply: ['$a', '$b'] }, dbl(7)],
  [{ a: 2 }, { $multiply: ['$a', 3, 4] }, 24],
  [{ a: long(2) }, { $multiply: ['$a', 3] }, long(6)],
  [{ a: dec('1.5') }, { $multiply: ['$a', 2] }, dec('3.0')],
  [{ a: 2 }, { $multiply: ['$a', '$none'] }, null],
  [{ a: 2 }, { $multiply: ['$a', [1]] }, err('$multiply only supports numeric types, not array')],
]);

table('$divide', [
  [{ a: 9, b: 2 }, { $divide: ['$a', '$b'] }, 4.5],
  [{ a: dec('10') }, { $divide: ['$a', 4] }, dec('2.5')],
  [{ a: 1, b: 0 }, { $divide: ['$a', '$b'] }, err("can't $divide by zero")],
  [{ a: 1 }, { $divide: ['$a', '$b'] }, null],
  [{ a: 'x', b: 1 }, { $divide: ['$a', '$b'] }, err('$divide only supports numeric types, not string and int')],
]);

table('$mod', [
  [{}, { $mod: [10, 3] }, 1],
  [{}, { $mod: [-10, 3] }, -1],
  [{}, { $mod: [5.5, 2] }, 1.5],
  [{}, { $mod: [long(10), 4] }, long(2)],
  [{}, { $mod: [dec('5.5'), 2] }, dec('1.5')],
  [{}, { $mod: [1, 0] }, err("can't $mod by zero")],
  [{}, { $mod: ['$x', 2] }, null],
  [{}, { $mod: ['a', 2] }, err('$mod only supports numeric types, not string and int')],
]);

table('$ceil / $floor / $trunc / $round', [
  [{ v: 1.2 }, { $ceil: '$v' }, dbl(2)],
  [{ v: dec('1.2') }, { $ceil: '$v' }, dec('2')],
  [{ v: dec('-1.2') }, { $floor: '$v' }, dec('-2')],
  [{ v: 5 }, { $floor: '$v' }, 5],
  [{}, { $floor: '$v' }, null],
  [{ v: 'a' }, { $ceil: '$v' }, err('$ceil only supports numeric types, not string')],
  [{ v: 1.25 }, { $round: ['$v', 1] }, 1.2],
  [{ v: 1.35 }, { $round: ['$v', 1] }, 1.4],
  [{ v: 3.5 }, { $round: '$v' }, dbl(4)],
  [{ v: -2.5 }, { $round: '$v' }, dbl(-2)],
  [{ v: 1250 }, { $round: ['$v', -2] }, 1200],
  [{ v: long(1250) }, { $round: ['$v', -2] }, long(1200)],
  [{ v: dec('1.25') }, { $round: ['$v', 1] }, dec('1.2')],
  [{ v: 1.5 }, { $round: ['$v', null] }, null],
  [{ v: null }, { $round: ['$v', 1] }, null],
  [{ v: 1.5 }, { $round: ['$v', 1.5] }, err('precision argument to  $round must be a integral value')],
  [{ v: 1.5 }, { $round: ['$v', 101] }, err('cannot apply $round with precision value 101 value must be in [-20, 100]')],
  [{ v: 'x' }, { $round: '$v' }, err('$round only supports numeric types, not string')],
  [{ v: 19.99 }, { $trunc: ['$v', 1] }, 19.9],
  [{ v: -19.99 }, { $trunc: '$v' }, dbl(-19)],
  [{ v: 1999 }, { $trunc: ['$v', -2] }, 1900],
  [{ v: Infinity }, { $trunc: '$v' }, Infinity],
  [{}, { $trunc: [1, 2, 3] }, compileErr('ASP410')],
]);

table('$exp / $ln / $log / $log10 / $sqrt / $pow', [
  [{}, { $exp: 0 }, dbl(1)],
  [{}, { $exp: null }, null],
  [{}, { $exp: 'x' }, err('$exp only supports numeric types, not string')],
  [{}, { $ln: Math.E }, dbl(1)],
  [{}, { $ln: -1 }, err("$ln's argument must be a positive number, but is -1")],
  [{}, { $ln: '$missing' }, null],
  [{}, { $log: [100, 10] }, dbl(2)],
  [{}, { $log: [null, 10] }, null],
  [{}, { $log: ['x', 10] }, err("$log's argument must be numeric, not string")],
  [{}, { $log: [10, 'x'] }, err("$log's base must be numeric, not string")],
  [{}, { $log: [0, 10] }, err("$log's argument must be a positive number, but is 0")],
  [{}, { $log10: 100 }, dbl(2)],
  [{}, { $log10: 0 }, err("$log10's argument must be a positive number, but is 0")],
  [{}, { $sqrt: 16 }, dbl(4)],
  [{}, { $sqrt: NaN }, NaN],
  [{}, { $sqrt: -4 }, err("$sqrt's argument must be greater than or equal to 0")],
  [{}, { $pow: [2, 10] }, 1024],
  [{}, { $pow: [2, 0.5] }, Math.SQRT2],
  [{}, { $pow: [-1, 3] }, -1],
  [{}, { $pow: [long(2), 3] }, long(8)],
  [{}, { $pow: [2, 70] }, Math.pow(2, 70)],
  [{}, { $pow: [null, 2] }, null],
  [{}, { $pow: ['x', 2] }, err("$pow's base must be numeric, not string")],
  [{}, { $pow: [2, 'x'] }, err("$pow's exponent must be numeric, not string")],
]);

table('$sum / $avg / $min / $max', [
  [{ a: [1, 2, 3.5] }, { $sum: '$a' }, 6.5],
  [{ a: [long(1), 2] }, { $sum: '$a' }, long(3)],
  [{ a: 'x' }, { $sum: '$a' }, 0],
  [{ a: 5 }, { $sum: '$a' }, 5],
  [{ a: [1, 2] }, { $sum: ['$a', 3] }, 3],
  [{ a: [1, 2, 'x', null] }, { $avg: '$a' }, 1.5],
  [{}, { $avg: '$a' }, null],
  [{ a: 4 }, { $avg: ['$a', 6, 'x'] }, dbl(5)],
  [{ a: [3, 'b', null, 1] }, { $min: '$a' }, 1],
  [{ a: [3, 'b', null, 1] }, { $max: '$a' }, 'b'],
  [{ a: [] }, { $max: '$a' }, null],
  [{ a: null }, { $min: '$a' }, null],
  [{}, { $min: ['$x', 4, 2] }, 2],
  [{}, { $sum: [] }, compileErr('ASP410')],
]);

table('$stdDevPop / $stdDevSamp', [
  [{ a: [1, 2, 3, 4] }, { $stdDevPop: '$a' }, Math.sqrt(1.25)],
  [{ a: [1, 'x', 3] }, { $stdDevSamp: '$a' }, Math.SQRT2],
  [{ a: ['x'] }, { $stdDevPop: '$a' }, null],
  [{}, { $stdDevSamp: '$a' }, null],
]);

table('$median / $percentile', [
  [{ a: [5, 1, 4, 2, 3] }, { $median: { input: '$a', method: 'approximate' } }, dbl(3)],
  [{ a: [1, 2, 3, 4] }, { $median: { input: '$a', method: 'continuous' } }, 2.5],
  [{ a: 7 }, { $median: { input: '$a', method: 'approximate' } }, dbl(7)],
  [{}, { $median: { input: '$a', method: 'approximate' } }, null],
  [{ a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }, { $percentile: { input: '$a', p: [0, 0.25, 0.95], method: 'approximate' } }, [dbl(1), dbl(3), dbl(10)]],
  [{ a: [] }, { $percentile: { input: '$a', p: [0.5, 0.9], method: 'approximate' } }, [null, null]],
  [{}, { $median: { input: '$a' } }, compileErr('ASP411')],
  [{}, { $median: { input: '$a', method: 'exact' } }, compileErr('ASP411')],
  [{}, { $percentile: { input: '$a', p: [1.5], method: 'approximate' } }, compileErr('ASP411')],
  [{}, { $percentile: { input: '$a', p: [], method: 'approximate' } }, compileErr('ASP411')],
  [{}, { $percentile: { input: '$a', p: 0.5, method: 'approximate' } }, compileErr('ASP411')],
  [{}, { $median: 5 }, compileErr('ASP411')],
]);

table('$rand', [
  [{}, { $and: [{ $gte: [{ $rand: {} }, 0] }, { $lt: [{ $rand: {} }, 1] }] }, true],
  [{}, { $rand: [] }, compileErr('ASP411')],
  [{}, { $rand: { a: 1 } }, compileErr('ASP411')],
]);
