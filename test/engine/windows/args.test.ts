import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf } from './_harness';
import type { Doc } from '../../../engine/core/types';

const pipeline = [{ $group: { _id: null, n: { $count: {} } } }];
const tw = (a: Doc): Doc => ({ $tumblingWindow: { interval: { size: 1, unit: 'second' }, pipeline, ...a } });

// [stage, expected [code, message] list]
const cases: [Doc, [string, string][]][] = [
  [tw({}), []],
  [{ $tumblingWindow: 5 }, [['ASP203', '$tumblingWindow specification must be an object.']]],
  [{ $tumblingWindow: { pipeline } }, [['ASP303', "BSON field 'tumblingWindow.interval' is missing but a required field"]]],
  [tw({ interval: { size: 0, unit: 'second' } }), [['ASP335', 'Window interval size must be greater than 0.']]],
  [tw({ interval: { size: 1.5, unit: 'second' } }), [['ASP304', "BSON field 'tumblingWindow.interval.size' is the wrong type 'double', expected type 'int'"]]],
  [tw({ interval: { size: -1, unit: 'second' } }), [['ASP335', "BSON field 'tumblingWindow.interval.size' value must be >= 0, actual value '-1'"]]],
  [tw({ interval: { size: 1, unit: 'week' } }), [['ASP305', "Enumeration value 'week' for field 'tumblingWindow.interval.unit' is not a valid value."]]],
  [tw({ interval: { size: 1 } }), [['ASP303', "BSON field 'tumblingWindow.interval.unit' is missing but a required field"]]],
  [tw({ interval: '1s' }), [['ASP304', "BSON field 'tumblingWindow.interval' is the wrong type 'string', expected type 'object'"]]],
  [tw({ hopSize: { size: 1, unit: 'ms' } }), [['ASP302', "BSON field 'tumblingWindow.hopSize' is an unknown field."]]],
  [tw({ allowedLateness: { size: 31, unit: 'minute' } }), [['ASP335', 'Maximum allowedLateness is 30 minutes']]],
  [tw({ allowedLateness: { size: 30, unit: 'minute' } }), []],
  [tw({ allowedLateness: 0, idleTimeout: 0 }), []],
  [tw({ allowedLateness: 5 }), [['ASP335', 'Must specify unit and size for non-zero allowed lateness values']]],
  [tw({ idleTimeout: 5 }), [['ASP335', 'Must specify unit and size for non-zero idle timeout values']]],
  [tw({ boundary: 'processingTime', allowedLateness: { size: 1, unit: 'second' } }), [['ASP336', 'Cannot specify allowed lateness value for a processing time window']]],
  [tw({ boundary: 'processingTime', idleTimeout: { size: 1, unit: 'second' } }), [['ASP336', 'Cannot specify idle timeout value for a processing time window']]],
  [tw({ boundary: 'wallClock' }), [['ASP305', "Enumeration value 'wallClock' for field 'tumblingWindow.boundary' is not a valid value."]]],
  [tw({ offset: { offsetFromUtc: -5, unit: 'minute' } }), []],
  [tw({ offset: { offsetFromUtc: 5, unit: 'day' } }), [['ASP305', "Enumeration value 'day' for field 'tumblingWindow.offset.unit' is not a valid value."]]],
  [tw({ pipeline: {} }), [['ASP304', "BSON field 'tumblingWindow.pipeline' is the wrong type 'object', expected type 'array'"]]],
  [{ $hoppingWindow: { interval: { size: 1, unit: 'second' }, pipeline } }, [['ASP303', "BSON field 'hoppingWindow.hopSize' is missing but a required field"]]],
  [{ $hoppingWindow: { interval: { size: 1, unit: 'second' }, hopSize: { size: 0, unit: 'second' }, pipeline } }, [['ASP335', 'Window hopSize size must be greater than 0.']]],
  [{ $hoppingWindow: { interval: { size: 1, unit: 'second' }, hopSize: { size: 2, unit: 'second' }, pipeline: [] } }, []],
  // Inner stages
  [tw({ pipeline: [{ $group: { n: { $sum: 1 } } }] }), [['ASP340', 'a group specification must include an _id']]],
  [tw({ pipeline: [{ $group: { _id: null, n: { $foo: 1 } } }] }), [['ASP342', "unknown group operator '$foo'"]]],
  [tw({ pipeline: [{ $group: { _id: null, n: 1 } }] }), [['ASP340', "the group aggregate field 'n' must be defined as an expression inside an object"]]],
  [tw({ pipeline: [{ $group: { _id: null, n: { $sum: 1, $avg: 1 } } }] }), [['ASP340', "the computed aggregate 'n' must specify exactly one operator"]]],
  [tw({ pipeline: [{ $group: { _id: null, 'a.b': { $sum: 1 } } }] }), [['ASP340', "the group aggregate field name 'a.b' cannot contain '.'"]]],
  [tw({ pipeline: [{ $sort: { a: 2 } }] }), [['ASP345', '$sort key ordering must be 1 (for ascending) or -1 (for descending)']]],
  [tw({ pipeline: [{ $sort: {} }] }), [['ASP345', '$sort stage must have at least one sort key']]],
  [tw({ pipeline: [{ $limit: 0 }] }), [['ASP346', 'the limit must be positive']]],
  [tw({ pipeline: [{ $limit: '1' }] }), [['ASP346', 'the limit must be specified as a number']]],
  [tw({ pipeline: [{ $count: '$n' }] }), [['ASP347', 'the count field cannot be a $-prefixed path']]],
  [tw({ pipeline: [{ $count: '' }] }), [['ASP347', 'the count field must be a non-empty string']]],
  [tw({ pipeline: [{ $count: 'a.b' }] }), [['ASP347', "the count field cannot contain '.'"]]],
];

test('window stage arguments: codes and ASP messages', () => {
  for (const [stage, expected] of cases) {
    assert.deepEqual(errorsOf(stage), expected, JSON.stringify(stage));
  }
});
