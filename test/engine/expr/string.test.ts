import { BSONRegExp } from 'bson';
import { compileErr, err, table } from './_support';

table('$concat', [
  [{ a: 'x', b: 'y' }, { $concat: ['$a', '-', '$b'] }, 'x-y'],
  [{ a: 'x' }, { $concat: ['$a', '$b'] }, null],
  [{ a: 'x' }, { $concat: ['$a', null] }, null],
  [{}, { $concat: [] }, ''],
  [{ a: 1 }, { $concat: ['$a'] }, err('$concat only supports strings, not int')],
]);

table('$indexOfBytes / $indexOfCP', [
  [{}, { $indexOfBytes: ['abcabc', 'c'] }, 2],
  [{}, { $indexOfBytes: ['abcabc', 'c', 3] }, 5],
  [{}, { $indexOfBytes: ['abcabc', 'c', 0, 2] }, -1],
  [{}, { $indexOfBytes: ['abc', 'c', 5] }, -1],
  [{}, { $indexOfBytes: ['é', ''] }, 0],
  [{}, { $indexOfBytes: [null, 'a'] }, null],
  [{}, { $indexOfBytes: ['a', null] }, err('$indexOfBytes requires a string as the second argument, found: null')],
  [{}, { $indexOfBytes: [1, 'a'] }, err('$indexOfBytes requires a string as the first argument, found: int')],
  [{}, { $indexOfBytes: ['a', 'a', -1] }, err('$indexOfBytes requires a nonnegative starting index, found: -1')],
  [{}, { $indexOfBytes: ['a', 'a', 1.5] }, err('$indexOfBytes requires an integral starting index, found a value of type: double, with value: 1.5')],
  [{}, { $indexOfCP: ['éaé', 'é', 1] }, 2],
  [{}, { $indexOfCP: ['😀x', 'x'] }, 1],
  [{}, { $indexOfCP: ['', ''] }, 0],
  [{}, { $indexOfCP: ['$missing', 'x'] }, null],
  [{}, { $indexOfCP: ['a'] }, compileErr('ASP410')],
]);

table('$trim / $ltrim / $rtrim', [
  [{}, { $trim: { input: '\u00a0 x \t\n' } }, 'x'],
  [{}, { $trim: { input: 'ééxé', chars: 'é' } }, 'x'],
  [{}, { $ltrim: { input: '--x--', chars: '-' } }, 'x--'],
  [{}, { $rtrim: { input: '😀x😀', chars: '😀' } }, '😀x'],
  [{ c: 'x' }, { $trim: { input: 'xax', chars: '$c' } }, 'a'],
  [{}, { $trim: { input: 'xax', chars: '$c' } }, null],
  [{}, { $trim: { input: null } }, null],
  [{}, { $trim: { input: 'a', chars: 1 } }, err("$trim requires 'chars' to be a string, got 1 (of type int) instead.")],
  [{}, { $trim: { chars: 'a' } }, compileErr('ASP411')],
  [{}, { $trim: { input: 'a', x: 1 } }, compileErr('ASP411')],
  [{}, { $trim: 'a' }, compileErr('ASP411')],
]);

table('$regexFind / $regexFindAll / $regexMatch', [
  [{ s: 'abc123' }, { $regexFind: { input: '$s', regex: '(\\d)(x)?' } }, { match: '1', idx: 3, captures: ['1', null] }],
  [{ s: 'é1' }, { $regexFind: { input: '$s', regex: '\\d' } }, { match: '1', idx: 1, captures: [] }],
  [{ s: 'A\nb' }, { $regexFind: { input: '$s', regex: '^b', options: 'm' } }, { match: 'b', idx: 2, captures: [] }],
  [{ s: 'ab' }, { $regexFind: { input: '$s', regex: 'a b # comment', options: 'x' } }, { match: 'ab', idx: 0, captures: [] }],
  [{ s: 'AB' }, { $regexFind: { input: '$s', regex: new BSONRegExp('b', 'i') } }, { match: 'B', idx: 1, captures: [] }],
  [{ s: 'AB', r: 'b' }, { $regexMatch: { input: '$s', regex: '$r', options: 'i' } }, true],
  [{ s: 'AB' }, { $regexMatch: { input: '$s', regex: '$r' } }, false],
  [{}, { $regexFind: { input: '$s', regex: 'a' } }, null],
  [{ s: 'aaa' }, { $regexFindAll: { input: '$s', regex: 'a*' } }, [{ match: 'aaa', idx: 0, captures: [] }]],
  [{ s: 'ab' }, { $regexFindAll: { input: '$s', regex: 'x*' } }, [{ match: '', idx: 0, captures: [] }, { match: '', idx: 1, captures: [] }]],
  [{ s: '😀a😀a' }, { $regexFindAll: { input: '$s', regex: 'a' } }, [{ match: 'a', idx: 1, captures: [] }, { match: 'a', idx: 3, captures: [] }]],
  [{ s: 1 }, { $regexFind: { input: '$s', regex: 'a' } }, err("$regexFind needs 'input' to be of type string")],
  [{ s: 'a', r: 1 }, { $regexFind: { input: '$s', regex: '$r' } }, err("$regexFind needs 'regex' to be of type string or regex")],
  [{ s: 'a', r: '(' }, { $regexFind: { input: '$s', regex: '$r' } }, err('Invalid Regex in $regexFind: missing closing parenthesis')],
  [{}, { $regexFind: { input: 'a', regex: new BSONRegExp('a', 'i'), options: 'm' } }, compileErr('ASP411')],
  [{}, { $regexFind: { input: 'a', regex: 'a', options: 'z' } }, compileErr('ASP411')],
  [{}, { $regexFind: { input: 'a', regex: '(' } }, compileErr('ASP411')],
  [{}, { $regexMatch: { input: 'a' } }, compileErr('ASP411')],
  // PCRE syntax JavaScript lacks, translated by engine/regex (the same builder as $match $regex).
  [{ s: 'é' }, { $regexMatch: { input: '$s', regex: '^\\p{L}+$' } }, true],
  [{ s: 'é' }, { $regexMatch: { input: '$s', regex: { $regularExpression: { pattern: '^\\p{L}+$', options: '' } } } }, true],
  [{ s: 'ABC' }, { $regexMatch: { input: '$s', regex: '(?i)abc' } }, true],
  [{ s: '12-x' }, { $regexFind: { input: '$s', regex: '(?>(\\d+))-(\\w)' } }, { match: '12-x', idx: 0, captures: ['12', 'x'] }],
  [{ s: 'axxa' }, { $regexFind: { input: '$s', regex: '(a)x++\\1' } }, { match: 'axxa', idx: 0, captures: ['a'] }],
  [{ s: 'a1b22' }, { $regexFindAll: { input: '$s', regex: '(?<d>\\d)++' } }, [{ match: '1', idx: 1, captures: ['1'] }, { match: '22', idx: 3, captures: ['2'] }]],
  [{ s: 'abc\n' }, { $regexFind: { input: '$s', regex: 'c\\Z' } }, { match: 'c', idx: 2, captures: [] }],
  [{ s: 'a', r: '(?R)' }, { $regexFind: { input: '$s', regex: '$r' } }, err('Regular expression uses PCRE syntax that has no JavaScript equivalent, so the local engine cannot run it: recursion and subroutine calls')],
  [{}, { $regexMatch: { input: 'a', regex: '(?(1)a|b)' } }, compileErr('ASP421')],
  [{}, { $regexMatch: { input: 'a', regex: 'a\u0000' } }, compileErr('ASP411')],
  [{}, { $regexMatch: { input: 'a', regex: 'a', options: 'i\u0000' } }, compileErr('ASP411')],
]);

table('$replaceOne / $replaceAll', [
  [{}, { $replaceOne: { input: 'aXbX', find: 'X', replacement: '-' } }, 'a-bX'],
  [{}, { $replaceAll: { input: 'aXbX', find: 'X', replacement: '-' } }, 'a-b-'],
  [{}, { $replaceAll: { input: 'ab', find: '', replacement: '.' } }, '.a.b.'],
  [{}, { $replaceOne: { input: 'ab', find: 'z', replacement: '.' } }, 'ab'],
  [{}, { $replaceAll: { input: '$none', find: 'a', replacement: 'b' } }, null],
  [{}, { $replaceAll: { input: 'a', find: 1, replacement: 'b' } }, err("$replaceAll requires that 'find' be a string, found: 1")],
  [{}, { $replaceAll: { input: 'a', find: 'a' } }, compileErr('ASP411')],
]);

table('$split', [
  [{}, { $split: ['a,b,,c', ','] }, ['a', 'b', '', 'c']],
  [{}, { $split: ['', ','] }, ['']],
  [{}, { $split: [null, ','] }, null],
  [{}, { $split: [1, ','] }, err('$split requires an expression that evaluates to a string as a first argument, found: int')],
  [{}, { $split: ['a', 1] }, err('$split requires an expression that evaluates to a string as a second argument, found: int')],
]);

table('$strLenBytes / $strLenCP', [
  [{}, { $strLenBytes: '😀' }, 4],
  [{}, { $strLenCP: '😀é' }, 2],
  [{}, { $strLenCP: '' }, 0],
  [{}, { $strLenBytes: 1 }, err('$strLenBytes requires a string argument, found: int')],
  [{}, { $strLenCP: '$none' }, err('$strLenCP requires a string argument, found: missing')],
]);

table('$strcasecmp / $toLower / $toUpper', [
  [{}, { $strcasecmp: ['abc', 'ABC'] }, 0],
  [{}, { $strcasecmp: ['b', 'A'] }, 1],
  [{}, { $strcasecmp: [null, 'a'] }, -1],
  [{}, { $strcasecmp: [1, '1'] }, 0],
  [{}, { $strcasecmp: [[1], 'a'] }, err("can't convert from BSON type array to String")],
  [{}, { $toLower: 'ÀBC' }, 'Àbc'],
  [{}, { $toUpper: 'àbc' }, 'àBC'],
  [{}, { $toUpper: null }, ''],
  [{}, { $toLower: new Date(0) }, '1970-01-01t00:00:00.000z'],
  [{}, { $toUpper: { a: 1 } }, err("can't convert from BSON type object to String")],
]);

table('$substr / $substrBytes / $substrCP', [
  [{}, { $substrBytes: ['abcdef', 2, 3] }, 'cde'],
  [{}, { $substrBytes: ['abc', 5, 1] }, ''],
  [{}, { $substrBytes: ['abc', 1, -1] }, 'bc'],
  [{}, { $substrBytes: ['é', 1, 1] }, err('$substrBytes:  Invalid range, starting index is a UTF-8 continuation byte.')],
  [{}, { $substrBytes: ['abc', 'x', 1] }, err('$substrBytes:  starting index must be a numeric type (is BSON type string)')],
  [{}, { $substrBytes: ['abc', 0, null] }, err('$substrBytes:  length must be a numeric type (is BSON type null)')],
  [{}, { $substrBytes: [null, 0, 1] }, ''],
  [{}, { $substr: [12345, 1, 2] }, '23'],
  [{}, { $substr: ['abc', -1, 1] }, err('$substrBytes:  starting index must be non-negative (got: -1)')],
  [{}, { $substrCP: ['😀abc', 1, 2] }, 'ab'],
  [{}, { $substrCP: ['abc', 5, 2] }, ''],
  [{}, { $substrCP: ['abc', 1.5, 2] }, err('$substrCP: starting index cannot be represented as a 32-bit integral value: 1.5')],
  [{}, { $substrCP: ['abc', -1, 2] }, err('$substrCP: the starting index must be nonnegative integer.')],
  [{}, { $substrCP: ['abc', 0, 'x'] }, err('$substrCP: length must be a numeric type (is BSON type string)')],
  [{}, { $substrCP: ['abc', 0] }, compileErr('ASP410')],
]);
