/** Type expression operators: tables of [doc, expr, expected | error | diagnostic]. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Binary, Decimal128, Double, Long, ObjectId, Timestamp } from 'bson';
import { evaluate } from '../../../engine/expr/compile';
import { clock, diag, err, run } from './_rows';
import { typeOperators } from '../../../engine/expr/type';

const L = (n: number | string): Long => (typeof n === 'string' ? Long.fromString(n) : Long.fromNumber(n));
const Dec = (s: string): Decimal128 => Decimal128.fromString(s);
const D = (n: number): Double => new Double(n);
const Bin = (bytes: number[], subtype = 0): Binary => new Binary(Uint8Array.from(bytes), subtype);
const oidHex = '5ab9cbfa31c2ab715d42129e';
const oid = ObjectId.createFromHexString(oidHex);

const NOE = 'in $convert with no onError value';


run('$type and $isNumber', [
  [{ a: 1 }, { $type: '$a' }, 'int'],
  [{ a: L(2 ** 40) }, { $type: '$a' }, 'long'],
  [{ a: 2 ** 40 }, { $type: '$a' }, 'double'],
  [{ a: D(24) }, { $type: '$a' }, 'double'],
  [{ a: -0 }, { $type: '$a' }, 'double'],
  [{ a: 1.5 }, { $type: '$a' }, 'double'],
  [{ a: L(1) }, { $type: '$a' }, 'long'],
  [{ a: Dec('1') }, { $type: '$a' }, 'decimal'],
  [{ a: 'x' }, { $type: '$a' }, 'string'],
  [{ a: {} }, { $type: '$a' }, 'object'],
  [{ a: [] }, { $type: ['$a'] }, 'array'],
  [{ a: null }, { $type: '$a' }, 'null'],
  [{}, { $type: '$a' }, 'missing'],
  [{ a: new Date(0) }, { $type: '$a' }, 'date'],
  [{ a: oid }, { $type: '$a' }, 'objectId'],
  [{ a: Bin([1]) }, { $type: '$a' }, 'binData'],
  [{ a: new Timestamp({ t: 1, i: 1 }) }, { $type: '$a' }, 'timestamp'],
  [{ a: true }, { $type: '$a' }, 'bool'],
  [{ a: 1 }, { $type: ['$a', '$a'] }, diag('ASP410')],
  [{ a: 1 }, { $isNumber: '$a' }, true],
  [{ a: L(1) }, { $isNumber: '$a' }, true],
  [{ a: Dec('1.5') }, { $isNumber: '$a' }, true],
  [{ a: '1' }, { $isNumber: '$a' }, false],
  [{ a: null }, { $isNumber: '$a' }, false],
  [{}, { $isNumber: '$a' }, false],
  [{}, { $isNumber: [] }, diag('ASP410')],
]);

run('$toBool', [
  [{ v: 0 }, { $toBool: '$v' }, false],
  [{ v: 2.5 }, { $toBool: '$v' }, true],
  [{ v: L(0) }, { $toBool: '$v' }, false],
  [{ v: Dec('0.00') }, { $toBool: '$v' }, false],
  [{ v: Dec('-1') }, { $toBool: '$v' }, true],
  [{ v: '' }, { $toBool: '$v' }, true],
  [{ v: 'false' }, { $toBool: '$v' }, true],
  [{ v: new Date(0) }, { $toBool: '$v' }, true],
  [{ v: oid }, { $toBool: '$v' }, true],
  [{ v: { a: 1 } }, { $toBool: '$v' }, true],
  [{ v: false }, { $toBool: '$v' }, false],
  [{ v: null }, { $toBool: '$v' }, null],
  [{}, { $toBool: '$v' }, null],
]);

run('$toInt $toLong $toDouble $toDecimal', [
  [{ v: 5.9 }, { $toInt: '$v' }, 5],
  [{ v: -5.9 }, { $toInt: '$v' }, -5],
  [{ v: '42' }, { $toInt: '$v' }, 42],
  [{ v: '-12' }, { $toInt: ['$v'] }, -12],
  [{ v: true }, { $toInt: '$v' }, 1],
  [{ v: L(7) }, { $toInt: '$v' }, 7],
  [{ v: Dec('-7.9') }, { $toInt: '$v' }, -7],
  [{ v: null }, { $toInt: '$v' }, null],
  [{}, { $toInt: '$v' }, null],
  [{ v: '1.5' }, { $toInt: '$v' }, err(`Failed to parse number '1.5' ${NOE}: Did not consume whole string.`)],
  [{ v: 'abc' }, { $toInt: '$v' }, err(`Failed to parse number 'abc' ${NOE}: Did not consume whole string.`)],
  [{ v: '' }, { $toInt: '$v' }, err(`Failed to parse number '' ${NOE}: No digits`)],
  [{ v: ' 5' }, { $toInt: '$v' }, err(`Failed to parse number ' 5' ${NOE}: Leading whitespace`)],
  [{ v: '0x1F' }, { $toInt: '$v' }, err(`Illegal hexadecimal input ${NOE}: 0x1F`)],
  [{ v: '2147483648' }, { $toInt: '$v' }, err(`Failed to parse number '2147483648' ${NOE}: Overflow`)],
  [{ v: L(3000000000) }, { $toInt: '$v' }, err(`Conversion would overflow target type ${NOE}: 3000000000`)],
  [{ v: 3000000000 }, { $toInt: '$v' }, err(`Conversion would overflow target type ${NOE}: 3e+09`)],
  [{ v: D(7) }, { $toInt: '$v' }, 7],
  [{ v: 1e10 + 0.5 }, { $toInt: '$v' }, err(`Conversion would overflow target type ${NOE}: 1e+10`)],
  [{ v: NaN }, { $toInt: '$v' }, err(`Attempt to convert NaN value to integer type ${NOE}`)],
  [{ v: Infinity }, { $toInt: '$v' }, err(`Attempt to convert infinity value to integer type ${NOE}`)],
  [{ v: Dec('1E+20') }, { $toInt: '$v' }, err(`Conversion would overflow target type ${NOE}: 1E+20`)],
  [{ v: new Date(0) }, { $toInt: '$v' }, err(`Unsupported conversion from date to int ${NOE}`)],
  [{ v: [1] }, { $toInt: '$v' }, err(`Unsupported conversion from array to int ${NOE}`)],
  [{ v: 5 }, { $toLong: '$v' }, L(5)],
  [{ v: 5.9 }, { $toLong: '$v' }, L(5)],
  [{ v: '9007199254740993' }, { $toLong: '$v' }, L('9007199254740993')],
  [{ v: new Date(1522039108044) }, { $toLong: '$v' }, L(1522039108044)],
  [{ v: Dec('123456789012.9') }, { $toLong: '$v' }, L(123456789012)],
  [{ v: false }, { $toLong: '$v' }, L(0)],
  [{}, { $toLong: '$v' }, null],
  [{ v: '9223372036854775808' }, { $toLong: '$v' }, err(`Failed to parse number '9223372036854775808' ${NOE}: Overflow`)],
  [{ v: 1e19 }, { $toLong: '$v' }, err(`Conversion would overflow target type ${NOE}: 1e+19`)],
  [{ v: oid }, { $toLong: '$v' }, err(`Unsupported conversion from objectId to long ${NOE}`)],
  [{ v: '5.5' }, { $toDouble: '$v' }, 5.5],
  [{ v: '-1e3' }, { $toDouble: '$v' }, D(-1000)],
  [{ v: 'Infinity' }, { $toDouble: '$v' }, Infinity],
  [{ v: true }, { $toDouble: '$v' }, D(1)],
  [{ v: 7 }, { $toDouble: '$v' }, D(7)],
  [{ v: D(7) }, { $toDouble: '$v' }, D(7)],
  [{ v: L(3) }, { $toDouble: '$v' }, D(3)],
  [{ v: Dec('2.5') }, { $toDouble: '$v' }, 2.5],
  [{ v: new Date(1000) }, { $toDouble: '$v' }, D(1000)],
  [{ v: null }, { $toDouble: '$v' }, null],
  [{ v: '5.5 kg' }, { $toDouble: '$v' }, err(`Failed to parse number '5.5 kg' ${NOE}: Did not consume whole string.`)],
  [{ v: '1e400' }, { $toDouble: '$v' }, err(`Failed to parse number '1e400' ${NOE}: Out of range`)],
  [{ v: '7.08263e-317' }, { $toDouble: '$v' }, err(`Failed to parse number '7.08263e-317' ${NOE}: Out of range`)],
  [{ v: Dec('1E+400') }, { $toDouble: '$v' }, err(`Conversion would overflow target type ${NOE}: 1E+400`)],
  [{ v: oid }, { $toDouble: '$v' }, err(`Unsupported conversion from objectId to double ${NOE}`)],
  [{ v: 2.5 }, { $toDecimal: '$v' }, Dec('2.50000000000000')],
  [{ v: 5 }, { $toDecimal: '$v' }, Dec('5')],
  [{ v: '5.5' }, { $toDecimal: '$v' }, Dec('5.5')],
  [{ v: true }, { $toDecimal: '$v' }, Dec('1')],
  [{ v: L(9) }, { $toDecimal: '$v' }, Dec('9')],
  [{ v: new Date(12) }, { $toDecimal: '$v' }, Dec('12')],
  [{}, { $toDecimal: '$v' }, null],
  [{ v: 'x' }, { $toDecimal: '$v' }, err(`Failed to parse number 'x' ${NOE}: Failed to parse string to decimal`)],
  [{ v: {} }, { $toDecimal: '$v' }, err(`Unsupported conversion from object to decimal ${NOE}`)],
]);

run('$toString $toDate $toObjectId', [
  [{ v: 2.5 }, { $toString: '$v' }, '2.5'],
  [{ v: 5 }, { $toString: '$v' }, '5'],
  [{ v: 1e21 }, { $toString: '$v' }, '1e+21'],
  [{ v: 0.00001 }, { $toString: '$v' }, '1e-05'],
  [{ v: L('9007199254740993') }, { $toString: '$v' }, '9007199254740993'],
  [{ v: Dec('1.50') }, { $toString: '$v' }, '1.50'],
  [{ v: true }, { $toString: '$v' }, 'true'],
  [{ v: oid }, { $toString: '$v' }, oidHex],
  [{ v: new Date('2018-03-27T16:58:51.538Z') }, { $toString: '$v' }, '2018-03-27T16:58:51.538Z'],
  [{ v: Bin([104, 105]) }, { $toString: '$v' }, 'aGk='],
  [{ v: Bin([0x12, 0x34, 0x56, 0x78, 0x12, 0x34, 0x56, 0x78, 0x12, 0x34, 0x56, 0x78, 0x12, 0x34, 0x56, 0x78], 4) }, { $toString: '$v' }, '12345678-1234-5678-1234-567812345678'],
  [{ v: null }, { $toString: '$v' }, null],
  [{}, { $toString: '$v' }, null],
  [{ v: [1] }, { $toString: '$v' }, err(`Unsupported conversion from array to string ${NOE}`)],
  [{ v: '2018-03-03' }, { $toDate: '$v' }, new Date('2018-03-03T00:00:00Z')],
  [{ v: '2018-03-20T11:00:06+0500' }, { $toDate: '$v' }, new Date('2018-03-20T06:00:06Z')],
  [{ v: 1253372036000.5 }, { $toDate: '$v' }, new Date('2009-09-19T14:53:56Z')],
  [{ v: L(1100000000000) }, { $toDate: '$v' }, new Date(1100000000000)],
  [{ v: Dec('1253372036000.50') }, { $toDate: '$v' }, new Date(1253372036000)],
  [{ v: oid }, { $toDate: '$v' }, new Date('2018-03-27T04:43:38Z')],
  [{ v: new Timestamp({ t: 1609459200, i: 7 }) }, { $toDate: '$v' }, new Date('2021-01-01T00:00:00Z')],
  [{}, { $toDate: '$v' }, null],
  [{ v: 5 }, { $toDate: '$v' }, err(`Unsupported conversion from int to date ${NOE}`)],
  [{ v: true }, { $toDate: '$v' }, err(`Unsupported conversion from bool to date ${NOE}`)],
  [{ v: 'noon' }, { $toDate: '$v' }, err("Error parsing date string 'noon'; 0: The timezone could not be found in the database")],
  [{ v: oidHex }, { $toObjectId: '$v' }, oid],
  [{ v: oid }, { $toObjectId: '$v' }, oid],
  [{ v: null }, { $toObjectId: '$v' }, null],
  [{ v: 'abc' }, { $toObjectId: '$v' }, err(`Failed to parse objectId 'abc' ${NOE}: Invalid string length for parsing to OID, expected 24 but found 3`)],
  [{ v: 'zab9cbfa31c2ab715d42129e' }, { $toObjectId: '$v' }, err(`Failed to parse objectId 'zab9cbfa31c2ab715d42129e' ${NOE}: Invalid character found in hex string: zab9cbfa31c2ab715d42129e`)],
  [{ v: 5 }, { $toObjectId: '$v' }, err(`Unsupported conversion from int to objectId ${NOE}`)],
]);

run('$convert: to, onError, onNull', [
  [{ v: '42' }, { $convert: { input: '$v', to: 'int' } }, 42],
  [{ v: '42' }, { $convert: { input: '$v', to: 16 } }, 42],
  [{ v: '42' }, { $convert: { input: '$v', to: 18.0 } }, L(42)],
  [{ v: '42', t: 'double' }, { $convert: { input: '$v', to: '$t' } }, D(42)],
  [{ v: 42 }, { $convert: { input: '$v', to: { type: 'string' } } }, '42'],
  [{ v: 'abc' }, { $convert: { input: '$v', to: 'int', onError: -1 } }, -1],
  [{ v: 'abc' }, { $convert: { input: '$v', to: 'int', onError: '$missing' } }, undefined],
  [{ v: {} }, { $convert: { input: '$v', to: 'double', onError: 'bad' } }, 'bad'],
  [{}, { $convert: { input: '$v', to: 'int' } }, null],
  [{}, { $convert: { input: '$v', to: 'int', onNull: 0 } }, 0],
  [{ v: null }, { $convert: { input: '$v', to: 'int', onNull: 'n', onError: 'e' } }, 'n'],
  [{ v: 1 }, { $convert: { input: '$v', to: '$t' } }, null],
  [{ v: 1 }, { $convert: { input: '$v', to: null } }, null],
  [{ v: {} }, { $convert: { input: '$v', to: 'object' } }, err(`Unsupported conversion from object to object ${NOE}`)],
  [{ v: 1, t: 'integer' }, { $convert: { input: '$v', to: '$t', onError: 0 } }, err('Unknown type name: integer')],
  [{ v: 1, t: 99 }, { $convert: { input: '$v', to: '$t' } }, err("In $convert, numeric value for 'to' does not correspond to a BSON type: 99")],
  [{ v: 1, t: 1.5 }, { $convert: { input: '$v', to: '$t' } }, err("In $convert, numeric 'to' argument is not an integer")],
  [{ v: 1, t: true }, { $convert: { input: '$v', to: '$t' } }, err("$convert's 'to' argument must be a string or number, but is bool")],
  [{ v: 1 }, { $convert: { input: '$v', to: 'integer' } }, diag('ASP413')],
  [{ v: 1 }, { $convert: { input: '$v' } }, diag('ASP411')],
  [{ v: 1 }, { $convert: { to: 'int' } }, diag('ASP411')],
  [{ v: 1 }, { $convert: { input: '$v', to: 'int', extra: 1 } }, diag('ASP411')],
  [{ v: 1 }, { $convert: '$v' }, diag('ASP411')],
]);

run('$convert: ASP binData extensions (byteOrder, format, widths)', [
  [{ b: Bin([0, 0, 1, 0]) }, { $convert: { input: '$b', to: 'int', byteOrder: 'big' } }, 256],
  [{ b: Bin([0, 1, 0, 0]) }, { $convert: { input: '$b', to: 'int' } }, 256],
  [{ b: Bin([0xff]) }, { $convert: { input: '$b', to: 'int' } }, -1],
  [{ b: Bin([0xff, 0x7f]) }, { $convert: { input: '$b', to: 'int', byteOrder: 'little' } }, 32767],
  [{ b: Bin([0, 0, 0, 0, 0, 0, 0, 2]) }, { $convert: { input: '$b', to: 'long', byteOrder: 'big' } }, L(2)],
  [{ b: Bin([1, 0]) }, { $convert: { input: '$b', to: 'long' } }, L(1)],
  [{ b: Bin([0x3f, 0xf8, 0, 0, 0, 0, 0, 0]) }, { $convert: { input: '$b', to: 'double', byteOrder: 'big' } }, 1.5],
  [{ b: Bin([0x3f, 0xc0, 0, 0]) }, { $convert: { input: '$b', to: 'double', byteOrder: 'big' } }, 1.5],
  [{ b: Bin([1, 2, 3]) }, { $convert: { input: '$b', to: 'int' } }, err("Failed to convert 'BinData(0, 010203)' to number in $convert because of invalid length: 3")],
  [{ b: Bin([1, 2, 3, 4, 5, 6, 7, 8]) }, { $convert: { input: '$b', to: 'int' } }, err("Failed to convert 'BinData(0, 0102030405060708)' to number in $convert because of invalid length: 8")],
  [{ b: Bin([1, 2]) }, { $convert: { input: '$b', to: 'double', onError: 'bad width' } }, 'bad width'],
  [{ b: Bin([1, 2, 3]) }, { $convert: { input: '$b', to: 'long', onError: null } }, null],
  [{ v: 256 }, { $convert: { input: '$v', to: 'binData', byteOrder: 'big' } }, Bin([0, 0, 1, 0])],
  [{ v: 256 }, { $convert: { input: '$v', to: 'binData' } }, Bin([0, 1, 0, 0])],
  [{ v: L(2) }, { $convert: { input: '$v', to: 'binData', byteOrder: 'big' } }, Bin([0, 0, 0, 0, 0, 0, 0, 2])],
  [{ v: 1.5 }, { $convert: { input: '$v', to: 'binData', byteOrder: 'big' } }, Bin([0x3f, 0xf8, 0, 0, 0, 0, 0, 0])],
  [{ v: true }, { $convert: { input: '$v', to: 'binData' } }, Bin([1])],
  [{ b: Bin([104, 105]) }, { $convert: { input: '$b', to: 'string', format: 'utf8' } }, 'hi'],
  [{ b: Bin([0xfb, 0xff]) }, { $convert: { input: '$b', to: 'string', format: 'base64' } }, '+/8='],
  [{ b: Bin([0xfb, 0xff]) }, { $convert: { input: '$b', to: 'string', format: 'base64url' } }, '-_8'],
  [{ b: Bin([0xab, 0x01]) }, { $convert: { input: '$b', to: 'string', format: 'hex' } }, 'AB01'],
  [{ s: 'hi' }, { $convert: { input: '$s', to: 'binData', format: 'utf8' } }, Bin([104, 105])],
  [{ s: '+/8=' }, { $convert: { input: '$s', to: 'binData', format: 'base64' } }, Bin([0xfb, 0xff])],
  [{ s: '-_8' }, { $convert: { input: '$s', to: 'binData', format: 'base64url' } }, Bin([0xfb, 0xff])],
  [{ s: 'ab01' }, { $convert: { input: '$s', to: 'binData', format: 'hex' } }, Bin([0xab, 0x01])],
  [{ s: '12345678-1234-5678-1234-567812345678' }, { $convert: { input: '$s', to: 'binData', format: 'uuid' } }, Bin([0x12, 0x34, 0x56, 0x78, 0x12, 0x34, 0x56, 0x78, 0x12, 0x34, 0x56, 0x78, 0x12, 0x34, 0x56, 0x78], 4)],
  [{ s: 'abc' }, { $convert: { input: '$s', to: { type: 'binData', subtype: 5 }, format: 'utf8' } }, Bin([97, 98, 99], 5)],
  [{ b: Bin([1], 0) }, { $convert: { input: '$b', to: 'binData' } }, Bin([1], 0)],
  [{ b: Bin([0xff, 0xfe]) }, { $convert: { input: '$b', to: 'string', format: 'utf8' } }, err(`Failed to convert 'BinData(0, FFFE)' to string ${NOE}: BinData does not represent a valid UTF-8 string`)],
  [{ b: Bin([1, 2]) }, { $convert: { input: '$b', to: 'string', format: 'uuid', onError: 'no' } }, 'no'],
  [{ s: 'zz' }, { $convert: { input: '$s', to: 'binData', format: 'hex' } }, err(`Failed to parse BinData 'zz' ${NOE}: Invalid hex string`)],
  [{ s: 'not-a-uuid' }, { $convert: { input: '$s', to: 'binData', format: 'uuid' } }, err(`Failed to parse BinData 'not-a-uuid' ${NOE}: Invalid UUID string: not-a-uuid`)],
  [{ s: 'abc' }, { $convert: { input: '$s', to: { type: 'binData', subtype: 4 }, format: 'utf8' } }, err(`Failed to parse BinData 'abc' ${NOE}: Only the 'uuid' format is allowed with the UUID subtype`)],
  [{ b: Bin([1], 0) }, { $convert: { input: '$b', to: { type: 'binData', subtype: 5 } } }, err('Conversions between different BinData subtypes are not supported')],
  [{ s: 'hi' }, { $convert: { input: '$s', to: 'binData', onError: 1 } }, err("Format must be speficied when converting from 'string' to 'binData'")],
  [{ b: Bin([1]) }, { $convert: { input: '$b', to: 'string' } }, err("Format must be speficied when converting from 'binData' to 'string'")],
  [{ b: Bin([1]), f: 'base32' }, { $convert: { input: '$b', to: 'string', format: '$f' } }, err('Invalid \'format\' argument for $convert: base32')],
  [{ b: Bin([1]), o: 1 }, { $convert: { input: '$b', to: 'int', byteOrder: '$o' } }, err("$convert requires that 'byteOrder' be a string, found: int with value 1")],
  [{ b: Bin([1]) }, { $convert: { input: '$b', to: 'int', byteOrder: 'middle' } }, diag('ASP413')],
  [{ b: Bin([1]) }, { $convert: { input: '$b', to: 'string', format: 'base32' } }, diag('ASP413')],
  [{ b: Bin([1]) }, { $convert: { input: '$b', to: 'date' } }, err(`Unsupported conversion from binData to date ${NOE}`)],
]);

test('every type operator has 1-3 examples that evaluate as documented', () => {
  assert.equal(typeOperators.length, 14);
  for (const op of typeOperators) {
    assert.ok(op.examples.length >= 1 && op.examples.length <= 3, op.name);
    for (const ex of op.examples) {
      if (ex.error !== undefined) {
        assert.throws(() => evaluate(ex.expr, ex.doc, clock), { message: ex.error }, op.name);
      } else {
        const r = evaluate(ex.expr, ex.doc, clock);
        assert.deepEqual(r.diagnostics, [], op.name);
        assert.deepStrictEqual(r.value, ex.expected, `${op.name} ${JSON.stringify(ex.expr)}`);
      }
    }
  }
});
