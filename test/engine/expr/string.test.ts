import { Binary, BSONRegExp } from 'bson';
import type { Value } from '../../../engine/core/types';
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

// jstests/aggregation/expressions/hash.js: every success row (digest as BinData subtype 0 for
// $hash, upper-case hex for $hexHash) and every failure row.
const B = (b64: string) => new Binary(Buffer.from(b64, 'base64'), 0);
const HASHES: [Record<string, unknown>, Binary | null][] = [
  [{ input: { $concat: ['Hello', ' ', 'World'] }, algorithm: 'xxh64' }, B('YzTSBxkkW8I=')],
  [{ input: '[1, 2, 3]', algorithm: { $concat: ['xxh', '64'] } }, B('wkwP8yqWE2o=')],
  [{ input: '🧐🤓😎', algorithm: 'xxh64' }, B('tWWU4BmD+Z4=')],
  [{ input: { $concat: ['Hello', ' ', 'World'] }, algorithm: 'sha256' }, B('pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4=')],
  [{ input: '[1, 2, 3]', algorithm: { $concat: ['sha', '256'] } }, B('o2sfLD+EUi3RAFFFZGYX1wVMCFHpfHKgOcC9+sn6B/M=')],
  [{ input: '🧐🤓😎', algorithm: 'sha256' }, B('YusBsGklWsjEz6zx2aHNpEjO1tCwVeVDnEP0/O7HFuc=')],
  [{ input: { $concat: ['Hello', ' ', 'World'] }, algorithm: 'md5' }, B('sQqNsWTgdUEFt6mb5y4/5Q==')],
  [{ input: '[1, 2, 3]', algorithm: { $concat: ['md', '5'] } }, B('SaWpYMVxTC4p3Rp+e5UHQQ==')],
  [{ input: '🧐🤓😎', algorithm: 'md5' }, B('sAZFMN8tC1iTuOxlnoqCJg==')],
  [{ input: '', algorithm: 'xxh64' }, B('70bbN1HY6Zk=')],
  [{ input: B(''), algorithm: 'xxh64' }, B('70bbN1HY6Zk=')],
  [{ input: '', algorithm: 'sha256' }, B('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=')],
  [{ input: B(''), algorithm: 'sha256' }, B('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=')],
  [{ input: '', algorithm: 'md5' }, B('1B2M2Y8AsgTpgAmY7PhCfg==')],
  [{ input: B(''), algorithm: 'md5' }, B('1B2M2Y8AsgTpgAmY7PhCfg==')],
  [{ input: B('aGV5'), algorithm: 'xxh64' }, B('Wv5M8jFeEv4=')],
  [{ input: new Binary(Buffer.from('aGV5', 'base64'), 128), algorithm: 'xxh64' }, B('Wv5M8jFeEv4=')],
  [{ input: B('aGV5'), algorithm: 'sha256' }, B('+mkLggYe39KFJimuuoqJd7V+QPy3fRp6KLJsumJZEgQ=')],
  [{ input: new Binary(Buffer.from('aGV5', 'base64'), 128), algorithm: 'sha256' }, B('+mkLggYe39KFJimuuoqJd7V+QPy3fRp6KLJsumJZEgQ=')],
  [{ input: B('aGV5'), algorithm: 'md5' }, B('YFfxPEluz3/Xd86555rihQ==')],
  [{ input: new Binary(Buffer.from('aGV5', 'base64'), 128), algorithm: 'md5' }, B('YFfxPEluz3/Xd86555rihQ==')],
  [{ input: { $hash: { input: 'hey', algorithm: 'xxh64' } }, algorithm: 'xxh64' }, B('B+qrIpasjj4=')],
  [{ input: { $hash: { input: 'hey', algorithm: 'sha256' } }, algorithm: 'sha256' }, B('/dRyPNI232cCz1SqJNRJeL6p29B1c+xR25ujiTBvIrY=')],
  [{ input: { $hash: { input: 'hey', algorithm: 'md5' } }, algorithm: 'md5' }, B('BQ7ZtygmyG3sgzltGZh8Gg==')],
  [{ input: null, algorithm: 'xxh64' }, null],
  [{ input: '$missing', algorithm: 'md5' }, null],
];

table('$hash (MongoDB hash.js)', HASHES.map(([a, h]) => [{}, { $hash: a }, h] as [Value, Value, Value]));
table('$hexHash (MongoDB hash.js)', HASHES.map(([a, h]) => [{}, { $hexHash: a }, h === null ? null : Buffer.from(h.buffer).toString('hex').toUpperCase()] as [Value, Value, Value]));
table('$hash / $hexHash failures (MongoDB hash.js)', [
  [{}, { $hash: {} }, compileErr('ASP411')],
  [{}, { $hash: { input: 'string' } }, compileErr('ASP411')],
  [{}, { $hash: { algorithm: 'xxh64' } }, compileErr('ASP411')],
  [{}, { $hexHash: { input: 'string', algorithm: 'xxh64', extra: 1 } }, compileErr('ASP411')],
  [{}, { $hash: { input: [1, 2, 3], algorithm: 'xxh64' } }, err("$hash requires that 'input' be a valid UTF-8 string or binData, found: array with value [1, 2, 3]")],
  [{}, { $hash: { input: 'string', algorithm: [5] } }, err("$hash requires that 'algorithm' be a string, found: array with value [5]")],
  [{ a: [5] }, { $hash: { input: 'string', algorithm: '$a' } }, err("$hash requires that 'algorithm' be a string, found: array with value [5]")],
  [{}, { $hash: { input: 'string', algorithm: null } }, compileErr('ASP411')],
  [{}, { $hexHash: { input: 'string', algorithm: 'sha1' } }, compileErr('ASP411')],
  [{ a: 'XXH64' }, { $hexHash: { input: 'string', algorithm: '$a' } }, err("Currently, the only supported algorithms for $hash are 'md5', 'sha256' and 'xxh64', found: XXH64")],
]);
