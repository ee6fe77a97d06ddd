/**
 * Query `$mod` with operands that must fit an int64 (issue 13 item 4). The divisor and the
 * remainder are coerced like BSONElement::tryCoerce<long long> does (toward zero; NaN, infinity
 * and values outside int64 refused), with ModMatchExpression's "malformed mod, ... value is
 * invalid :: caused by :: ..." wording; a dividend that is not a long does not match.
 * https://www.mongodb.com/docs/manual/reference/operator/query/mod/
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal128, Double, Long } from 'bson';
import { compile, table } from './_support';

const invalid = (which: 'divisor' | 'remainder', reason: string): string => `malformed mod, ${which} value is invalid :: caused by :: ${reason}`;
const OOB = 'Out of bounds coercing to integral value';
const NAN = 'Unable to coerce NaN/Inf to integral type';

test('$mod divisors and remainders outside int64 are refused with MongoDB\'s text', () => {
  const rows: [unknown, string][] = [
    [[9.223372036854775808e18, 0], invalid('divisor', OOB)],
    [[1, 9.223372036854775808e18], invalid('remainder', OOB)],
    [[-9.3e18, 0], invalid('divisor', OOB)],
    [[Decimal128.fromString('1E+19'), 0], invalid('divisor', OOB)],
    [[1, Decimal128.fromString('-1E+19')], invalid('remainder', OOB)],
    [[NaN, 0], invalid('divisor', NAN)],
    [[1, Infinity], invalid('remainder', NAN)],
    [[Decimal128.fromString('NaN'), 1], invalid('divisor', NAN)],
    [[0, 1], 'divisor cannot be 0'],
  ];
  for (const [arg, message] of rows) {
    const { diagnostics } = compile({ a: { $mod: arg } });
    assert.deepEqual(diagnostics.map((d) => d.message), [message], JSON.stringify(arg));
  }
});

table('$mod at the edges of int64', [
  // -2^63 fits; so does the long max; the double 2^63 - 1024 is the largest below 2^63.
  [{ a: 0 }, { a: { $mod: [-9223372036854775808, 0] } }, true],
  [{ a: Long.MAX_VALUE }, { a: { $mod: [Long.MAX_VALUE, 0] } }, true],
  [{ a: 9223372036854774784 }, { a: { $mod: [2, 0] } }, true],
  [{ a: Decimal128.fromString('7.9') }, { a: { $mod: [Decimal128.fromString('4.5'), 3] } }, true],
  [{ a: new Double(6) }, { a: { $mod: [4, 2] } }, true],
  // A dividend beyond int64 cannot be a long, so it never matches.
  [{ a: 1e19 }, { a: { $mod: [2, 0] } }, false],
  [{ a: Infinity }, { a: { $mod: [2, 0] } }, false],
]);
