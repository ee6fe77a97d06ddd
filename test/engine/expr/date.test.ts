/** Date expression operators: tables of [doc, expr, expected | error | diagnostic]. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal128, Long, ObjectId, Timestamp } from 'bson';
import { evaluate } from '../../../engine/expr/compile';
import { clock, diag, err, run } from './_rows';
import { dateOperators } from '../../../engine/expr/date';

const D = (iso: string): Date => new Date(iso);
const L = (n: number): Long => Long.fromNumber(n);



const jan1 = D('2014-01-01T08:15:39.736Z');
const ts = new Timestamp({ t: 1609459200, i: 1 });
const oid = ObjectId.createFromTime(1609459200);

run('$year $month $dayOfMonth $hour $minute $second $millisecond', [
  [{ d: jan1 }, { $year: '$d' }, 2014],
  [{ d: jan1 }, { $month: '$d' }, 1],
  [{ d: jan1 }, { $dayOfMonth: '$d' }, 1],
  [{ d: jan1 }, { $hour: '$d' }, 8],
  [{ d: jan1 }, { $minute: '$d' }, 15],
  [{ d: jan1 }, { $second: '$d' }, 39],
  [{ d: jan1 }, { $millisecond: '$d' }, 736],
  [{ d: jan1 }, { $year: ['$d'] }, 2014],
  [{ d: jan1 }, { $year: { date: '$d' } }, 2014],
  [{ d: jan1 }, { $year: { date: '$d', timezone: 'Pacific/Honolulu' } }, 2013],
  [{ d: jan1 }, { $minute: { date: '$d', timezone: '+05:30' } }, 45],
  [{ d: jan1 }, { $minute: { date: '$d', timezone: '-0530' } }, 45],
  [{ d: jan1 }, { $hour: { date: '$d', timezone: '+03' } }, 11],
  [{ d: jan1 }, { $hour: { date: '$d', timezone: 'GMT' } }, 8],
  [{ d: jan1, tz: 'Asia/Tokyo' }, { $hour: { date: '$d', timezone: '$tz' } }, 17],
  [{ d: ts }, { $year: '$d' }, 2021],
  [{ d: oid }, { $month: '$d' }, 1],
  [{}, { $year: '$missing' }, null],
  [{ d: null }, { $month: '$d' }, null],
  [{ d: jan1 }, { $hour: { date: '$d', timezone: null } }, null],
  [{ d: jan1 }, { $hour: { date: '$d', timezone: '$none' } }, null],
  [{ d: 'abc' }, { $year: '$d' }, err("can't convert from BSON type string to Date")],
  [{ d: 5 }, { $second: '$d' }, err("can't convert from BSON type int to Date")],
  [{ d: jan1, tz: 5 }, { $hour: { date: '$d', timezone: '$tz' } }, err('timezone must evaluate to a string, found int')],
  [{ d: jan1, tz: 'Mars/Base' }, { $hour: { date: '$d', timezone: '$tz' } }, err('unrecognized time zone identifier: "Mars/Base"')],
  [{ d: jan1 }, { $hour: { date: '$d', timezone: 'america/new_york' } }, diag('ASP413')],
  [{ d: jan1 }, { $hour: { date: '$d', timezone: 'Mars/Base' } }, diag('ASP413')],
  [{ d: jan1 }, { $year: ['$d', '$d'] }, diag('ASP410')],
  [{ d: jan1 }, { $year: { date: '$d', tz: 'UTC' } }, diag('ASP411')],
  [{ d: jan1 }, { $year: { timezone: 'UTC' } }, diag('ASP411')],
]);

run('DST: America/New_York and Europe/London', [
  [{ d: D('2021-03-14T06:59:59Z') }, { $hour: { date: '$d', timezone: 'America/New_York' } }, 1],
  [{ d: D('2021-03-14T07:00:00Z') }, { $hour: { date: '$d', timezone: 'America/New_York' } }, 3],
  [{ d: D('2021-11-07T05:30:00Z') }, { $hour: { date: '$d', timezone: 'America/New_York' } }, 1],
  [{ d: D('2021-11-07T06:30:00Z') }, { $hour: { date: '$d', timezone: 'America/New_York' } }, 1],
  [{ d: D('2021-03-28T00:59:00Z') }, { $hour: { date: '$d', timezone: 'Europe/London' } }, 0],
  [{ d: D('2021-03-28T01:00:00Z') }, { $hour: { date: '$d', timezone: 'Europe/London' } }, 2],
  [{ d: D('2021-10-31T00:30:00Z') }, { $hour: { date: '$d', timezone: 'Europe/London' } }, 1],
  [{ d: D('2021-10-31T01:30:00Z') }, { $hour: { date: '$d', timezone: 'Europe/London' } }, 1],
  [{ d: D('2021-07-01T12:00:00Z') }, { $dateToString: { date: '$d', format: '%H:%M %z %Z', timezone: 'America/New_York' } }, '08:00 -0400 -240'],
  [{ d: D('2021-01-01T12:00:00Z') }, { $dateToString: { date: '$d', format: '%H:%M %z %Z', timezone: 'America/New_York' } }, '07:00 -0500 -300'],
  [{ d: D('2021-07-01T12:00:00Z') }, { $dateToString: { date: '$d', format: '%H %z', timezone: 'Europe/London' } }, '13 +0100'],
  // Local times in a gap move forward; ambiguous ones take the earlier instant.
  [{}, { $dateFromParts: { year: 2021, month: 3, day: 14, hour: 2, minute: 30, timezone: 'America/New_York' } }, D('2021-03-14T07:30:00Z')],
  [{}, { $dateFromParts: { year: 2021, month: 11, day: 7, hour: 1, minute: 30, timezone: 'America/New_York' } }, D('2021-11-07T05:30:00Z')],
  [{}, { $dateFromParts: { year: 2021, month: 3, day: 28, hour: 1, minute: 30, timezone: 'Europe/London' } }, D('2021-03-28T01:30:00Z')],
  [{}, { $dateFromParts: { year: 2021, month: 10, day: 31, hour: 1, minute: 30, timezone: 'Europe/London' } }, D('2021-10-31T00:30:00Z')],
  [{ d: D('2021-03-13T12:00:00Z') }, { $dateAdd: { startDate: '$d', unit: 'day', amount: 1, timezone: 'America/New_York' } }, D('2021-03-14T11:00:00Z')],
  [{ d: D('2021-03-13T12:00:00Z') }, { $dateAdd: { startDate: '$d', unit: 'hour', amount: 24, timezone: 'America/New_York' } }, D('2021-03-14T12:00:00Z')],
  [{ d: D('2021-10-30T12:00:00Z') }, { $dateAdd: { startDate: '$d', unit: 'day', amount: 1, timezone: 'Europe/London' } }, D('2021-10-31T13:00:00Z')],
  [{ a: D('2021-11-07T04:30:00Z'), b: D('2021-11-07T06:30:00Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'hour', timezone: 'America/New_York' } }, L(2)],
  [{ a: D('2021-03-14T04:59:00Z'), b: D('2021-03-14T05:00:00Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'day', timezone: 'America/New_York' } }, L(1)],
  [{ a: D('2021-03-14T04:59:00Z'), b: D('2021-03-14T05:00:00Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'day' } }, L(0)],
  [{ d: D('2021-03-14T20:00:00Z') }, { $dateTrunc: { date: '$d', unit: 'day', timezone: 'America/New_York' } }, D('2021-03-14T05:00:00Z')],
  [{ d: D('2021-03-28T12:00:00Z') }, { $dateTrunc: { date: '$d', unit: 'day', timezone: 'Europe/London' } }, D('2021-03-28T00:00:00Z')],
  [{ d: D('2021-07-01T12:34:00Z') }, { $dateTrunc: { date: '$d', unit: 'hour', timezone: 'Europe/London' } }, D('2021-07-01T12:00:00Z')],
  [{ d: D('2021-07-15T12:00:00Z') }, { $dateTrunc: { date: '$d', unit: 'month', timezone: 'Europe/London' } }, D('2021-06-30T23:00:00Z')],
  [{ d: D('2021-07-01T12:00:00Z') }, { $dateToParts: { date: '$d', timezone: 'Europe/London' } }, { year: 2021, month: 7, day: 1, hour: 13, minute: 0, second: 0, millisecond: 0 }],
  [{ s: '2021-07-01 08:00' }, { $dateFromString: { dateString: '$s', timezone: 'America/New_York' } }, D('2021-07-01T12:00:00Z')],
  [{ s: '2021-01-01 08:00' }, { $dateFromString: { dateString: '$s', timezone: 'America/New_York' } }, D('2021-01-01T13:00:00Z')],
]);

run('$dayOfWeek $dayOfYear $week $isoWeek $isoWeekYear $isoDayOfWeek', [
  [{ d: jan1 }, { $dayOfWeek: '$d' }, 4],
  [{ d: D('2014-01-05T02:00:00Z') }, { $dayOfWeek: { date: '$d', timezone: 'America/New_York' } }, 7],
  [{ d: D('2014-02-01T00:00:00Z') }, { $dayOfYear: '$d' }, 32],
  [{ d: D('2016-12-31T12:00:00Z') }, { $dayOfYear: '$d' }, 366],
  [{ d: jan1 }, { $week: '$d' }, 0],
  [{ d: D('2014-01-05T00:00:00Z') }, { $week: '$d' }, 1],
  [{ d: D('2014-12-31T00:00:00Z') }, { $week: '$d' }, 52],
  [{ d: D('2016-01-01T00:00:00Z') }, { $isoWeek: '$d' }, 53],
  [{ d: D('2016-01-04T00:00:00Z') }, { $isoWeek: '$d' }, 1],
  [{ d: D('2016-01-01T00:00:00Z') }, { $isoWeekYear: '$d' }, 2015],
  [{ d: D('2014-12-29T00:00:00Z') }, { $isoWeekYear: '$d' }, 2015],
  [{ d: D('2016-01-03T00:00:00Z') }, { $isoDayOfWeek: '$d' }, 7],
  [{ d: D('2016-01-04T03:00:00Z') }, { $isoDayOfWeek: { date: '$d', timezone: 'America/New_York' } }, 7],
  [{}, { $isoWeek: '$x' }, null],
  [{ d: null }, { $week: '$d' }, null],
  [{ d: true }, { $dayOfWeek: '$d' }, err("can't convert from BSON type bool to Date")],
  [{ d: [jan1] }, { $isoWeekYear: '$d' }, err("can't convert from BSON type array to Date")],
]);

run('$dateToString', [
  [{ d: jan1 }, { $dateToString: { date: '$d' } }, '2014-01-01T08:15:39.736Z'],
  [{ d: jan1 }, { $dateToString: { date: '$d', timezone: '+01:00' } }, '2014-01-01T09:15:39.736'],
  [{ d: jan1 }, { $dateToString: { date: '$d', format: '%Y-%m-%d' } }, '2014-01-01'],
  [{ d: jan1 }, { $dateToString: { date: '$d', format: '%d/%m/%Y %H:%M:%S.%L %j %w %u %U %V %G %% %b %B' } }, '01/01/2014 08:15:39.736 001 4 3 00 01 2014 % Jan January'],
  // The reference page's table writes "+285", the server writes a plain number (date_to_string.js: "(60 minutes)").
  [{ d: jan1 }, { $dateToString: { date: '$d', format: '%Z', timezone: '+04:45' } }, '285'],
  [{ d: ts }, { $dateToString: { date: '$d', format: '%Y' } }, '2021'],
  [{}, { $dateToString: { date: '$x' } }, null],
  [{}, { $dateToString: { date: '$x', onNull: 'none' } }, 'none'],
  [{}, { $dateToString: { date: '$x', onNull: '$alsoMissing' } }, undefined],
  [{ d: jan1 }, { $dateToString: { date: '$d', format: null } }, null],
  [{ d: jan1 }, { $dateToString: { date: '$d', format: '$f' } }, null],
  [{ d: jan1 }, { $dateToString: { date: '$d', timezone: null } }, null],
  [{ d: 'x' }, { $dateToString: { date: '$d' } }, err("can't convert from BSON type string to Date")],
  [{ d: jan1, f: 5 }, { $dateToString: { date: '$d', format: '$f' } }, err("$dateToString requires that 'format' be a string, found: int with value 5")],
  [{ d: jan1, f: '%q' }, { $dateToString: { date: '$d', format: '$f' } }, err("Invalid format character '%q' in format string")],
  [{ d: jan1, f: 'abc%' }, { $dateToString: { date: '$d', format: '$f' } }, err("Unmatched '%' at end of format string")],
  [{ d: D('+010000-01-01T00:00:00Z') }, { $dateToString: { date: '$d' } }, err('$dateToString is only defined on year 0-9999, tried to use year 10000')],
  [{ d: jan1 }, { $dateToString: { date: '$d', format: '%q' } }, diag('ASP413')],
  [{ d: jan1 }, { $dateToString: { date: '$d', format: 1 } }, diag('ASP413')],
  [{ d: jan1 }, { $dateToString: { format: '%Y' } }, diag('ASP411')],
  [{ d: jan1 }, { $dateToString: { date: '$d', fmt: '%Y' } }, diag('ASP411')],
  [{ d: jan1 }, { $dateToString: '$d' }, diag('ASP411')],
]);

run('$dateFromString', [
  [{}, { $dateFromString: { dateString: '2017-02-08T12:10:40.787' } }, D('2017-02-08T12:10:40.787Z')],
  [{}, { $dateFromString: { dateString: '2017-02-08T12:10:40.787Z' } }, D('2017-02-08T12:10:40.787Z')],
  [{}, { $dateFromString: { dateString: '2017-02-08T12:10:40+02:00' } }, D('2017-02-08T10:10:40Z')],
  [{}, { $dateFromString: { dateString: '2017-02-08' } }, D('2017-02-08T00:00:00Z')],
  [{}, { $dateFromString: { dateString: '2017-02-08 12:10 Europe/London' } }, D('2017-02-08T12:10:00Z')],
  [{}, { $dateFromString: { dateString: 'Feb 8, 2017' } }, D('2017-02-08T00:00:00Z')],
  [{}, { $dateFromString: { dateString: '02/08/2017' } }, D('2017-02-08T00:00:00Z')],
  [{}, { $dateFromString: { dateString: '2017-02-08T12:10:40', timezone: '+05:00' } }, D('2017-02-08T07:10:40Z')],
  [{}, { $dateFromString: { dateString: '15-06-2018', format: '%d-%m-%Y' } }, D('2018-06-15T00:00:00Z')],
  [{}, { $dateFromString: { dateString: '2018-06-15 10:11:12.013 +0200', format: '%Y-%m-%d %H:%M:%S.%L %z' } }, D('2018-06-15T08:11:12.013Z')],
  [{}, { $dateFromString: { dateString: '2018 W24 5', format: '%G W%V %u' } }, D('2018-06-15T00:00:00Z')],
  [{}, { $dateFromString: { dateString: '2018-166', format: '%Y-%j' } }, D('2018-06-15T00:00:00Z')],
  [{}, { $dateFromString: { dateString: '15 Jun 2018', format: '%d %b %Y' } }, D('2018-06-15T00:00:00Z')],
  [{}, { $dateFromString: { dateString: '$x' } }, null],
  [{}, { $dateFromString: { dateString: '$x', onNull: 'none' } }, 'none'],
  [{ s: 'bad' }, { $dateFromString: { dateString: '$s', onError: 'oops' } }, 'oops'],
  [{ s: 5 }, { $dateFromString: { dateString: '$s', onError: 'oops' } }, 'oops'],
  [{}, { $dateFromString: { dateString: '2017-02-08', timezone: null } }, null],
  [{}, { $dateFromString: { dateString: '2017-02-08', format: '$f' } }, null],
  [{ s: 5 }, { $dateFromString: { dateString: '$s' } }, err("$dateFromString requires that 'dateString' be a string, found: int with value 5")],
  [{ s: '2017-02-30' }, { $dateFromString: { dateString: '$s' } }, err("Error parsing date string '2017-02-30'; 10: The parsed date was invalid")],
  [{ s: '2017-02-08 x' }, { $dateFromString: { dateString: '$s' } }, err("Error parsing date string '2017-02-08 x'; 11: The timezone could not be found in the database")],
  [{ s: '12:00' }, { $dateFromString: { dateString: '$s' } }, err("Error parsing date string '12:00'; 0: Unexpected character")],
  [{ s: '20' }, { $dateFromString: { dateString: '$s', format: '%H' } }, err('an incomplete date/time string has been found, with elements missing: "20"')],
  [{ s: '15-06-2018x' }, { $dateFromString: { dateString: '$s', format: '%d-%m-%Y' } }, err("Error parsing date string '15-06-2018x'; 10: Trailing data")],
  [{ s: '2017-02-08T12:10:40Z' }, { $dateFromString: { dateString: '$s', timezone: 'Europe/London' } }, err("you cannot pass in a date/time string with time zone information ('2017-02-08T12:10:40Z') together with a second time zone argument")],
  [{ s: 'x', tz: 'Nowhere' }, { $dateFromString: { dateString: '$s', timezone: '$tz', onError: 1 } }, err('unrecognized time zone identifier: "Nowhere"')],
  [{}, { $dateFromString: { dateString: 'x', format: '%w' } }, diag('ASP413')],
  [{}, { $dateFromString: { format: '%Y' } }, diag('ASP411')],
  [{}, { $dateFromString: { dateString: 'x', other: 1 } }, diag('ASP411')],
]);

run('$dateToParts and $dateFromParts', [
  [{ d: D('2017-01-01T01:29:09.123Z') }, { $dateToParts: { date: '$d' } }, { year: 2017, month: 1, day: 1, hour: 1, minute: 29, second: 9, millisecond: 123 }],
  [{ d: D('2017-01-01T01:29:09.123Z') }, { $dateToParts: { date: '$d', iso8601: true } }, { isoWeekYear: 2016, isoWeek: 52, isoDayOfWeek: 7, hour: 1, minute: 29, second: 9, millisecond: 123 }],
  [{ d: D('2017-01-01T01:29:09.123Z') }, { $dateToParts: { date: '$d', timezone: 'America/New_York' } }, { year: 2016, month: 12, day: 31, hour: 20, minute: 29, second: 9, millisecond: 123 }],
  [{}, { $dateToParts: { date: '$x' } }, null],
  [{ d: jan1 }, { $dateToParts: { date: '$d', iso8601: null } }, null],
  [{ d: jan1 }, { $dateToParts: { date: '$d', iso8601: 'yes' } }, err('iso8601 must evaluate to a bool, found string')],
  [{ d: 'x' }, { $dateToParts: { date: '$d' } }, err("can't convert from BSON type string to Date")],
  [{}, { $dateToParts: { timezone: 'UTC' } }, diag('ASP411')],
  [{}, { $dateFromParts: { year: 2017, month: 2, day: 8, hour: 12 } }, D('2017-02-08T12:00:00Z')],
  [{}, { $dateFromParts: { year: 2017 } }, D('2017-01-01T00:00:00Z')],
  [{}, { $dateFromParts: { year: 2017, month: 14, day: 1 } }, D('2018-02-01T00:00:00Z')],
  [{}, { $dateFromParts: { year: 2017, month: 3, day: 0 } }, D('2017-02-28T00:00:00Z')],
  [{}, { $dateFromParts: { year: 2017, hour: -1 } }, D('2016-12-31T23:00:00Z')],
  [{}, { $dateFromParts: { year: 2017, millisecond: 1500 } }, D('2017-01-01T00:00:01.500Z')],
  [{}, { $dateFromParts: { year: 2017.0, month: Long.fromNumber(2) } }, D('2017-02-01T00:00:00Z')],
  [{}, { $dateFromParts: { isoWeekYear: 2017, isoWeek: 6, isoDayOfWeek: 3, hour: 12 } }, D('2017-02-08T12:00:00Z')],
  [{}, { $dateFromParts: { isoWeekYear: 2016 } }, D('2016-01-04T00:00:00Z')],
  [{}, { $dateFromParts: { year: 2016, month: 12, day: 31, hour: 23, minute: 46, second: 12, timezone: 'America/New_York' } }, D('2017-01-01T04:46:12Z')],
  [{}, { $dateFromParts: { year: '$x' } }, null],
  [{}, { $dateFromParts: { year: 2017, month: null } }, null],
  [{}, { $dateFromParts: { year: 2017, timezone: '$x' } }, null],
  [{ m: 'x' }, { $dateFromParts: { year: 2017, month: '$m' } }, err("'month' must evaluate to an integer, found string with value \"x\"")],
  [{ m: 1.5 }, { $dateFromParts: { year: 2017, month: '$m' } }, err("'month' must evaluate to an integer, found double with value 1.5")],
  [{ m: 40000 }, { $dateFromParts: { year: 2017, month: '$m' } }, err("'month' must evaluate to a value in the range [-32768, 32767]; value 40000 is not in range")],
  [{ y: 0 }, { $dateFromParts: { year: '$y' } }, err("'year' must evaluate to an integer in the range 1 to 9999, found 0")],
  [{ y: 10000 }, { $dateFromParts: { isoWeekYear: '$y' } }, err("'isoWeekYear' must evaluate to an integer in the range 1 to 9999, found 10000")],
  [{}, { $dateFromParts: { month: 1 } }, diag('ASP411')],
  [{}, { $dateFromParts: { year: 2017, isoWeek: 1 } }, diag('ASP411')],
  [{}, { $dateFromParts: { isoWeekYear: 2017, day: 1 } }, diag('ASP411')],
  [{}, { $dateFromParts: { year: 2017, hours: 1 } }, diag('ASP411')],
  [{}, { $dateFromParts: { year: 2017, timezone: 'Nowhere/Else' } }, diag('ASP413')],
]);

run('$dateAdd and $dateSubtract', [
  [{ d: D('2021-01-31T10:00:00Z') }, { $dateAdd: { startDate: '$d', unit: 'month', amount: 1 } }, D('2021-02-28T10:00:00Z')],
  [{ d: D('2020-01-31T10:00:00Z') }, { $dateAdd: { startDate: '$d', unit: 'month', amount: 1 } }, D('2020-02-29T10:00:00Z')],
  [{ d: D('2020-02-29T00:00:00Z') }, { $dateAdd: { startDate: '$d', unit: 'year', amount: 1 } }, D('2021-02-28T00:00:00Z')],
  [{ d: D('2021-01-15T00:00:00Z') }, { $dateAdd: { startDate: '$d', unit: 'quarter', amount: 2 } }, D('2021-07-15T00:00:00Z')],
  [{ d: D('2021-01-15T00:00:00Z') }, { $dateAdd: { startDate: '$d', unit: 'week', amount: 1 } }, D('2021-01-22T00:00:00Z')],
  [{ d: D('2021-01-15T00:00:00Z') }, { $dateAdd: { startDate: '$d', unit: 'minute', amount: -90 } }, D('2021-01-14T22:30:00Z')],
  [{ d: D('2021-01-15T00:00:00Z') }, { $dateAdd: { startDate: '$d', unit: 'second', amount: Long.fromNumber(61) } }, D('2021-01-15T00:01:01Z')],
  [{ d: D('2021-01-15T00:00:00Z') }, { $dateAdd: { startDate: '$d', unit: 'millisecond', amount: 2.0 } }, D('2021-01-15T00:00:00.002Z')],
  [{ d: ts }, { $dateAdd: { startDate: '$d', unit: 'day', amount: 1 } }, D('2021-01-02T00:00:00Z')],
  [{ d: D('2021-03-31T10:00:00Z') }, { $dateSubtract: { startDate: '$d', unit: 'month', amount: 1 } }, D('2021-02-28T10:00:00Z')],
  [{ d: D('2021-01-01T00:00:00Z') }, { $dateSubtract: { startDate: '$d', unit: 'week', amount: 2 } }, D('2020-12-18T00:00:00Z')],
  [{ d: D('2021-03-15T12:00:00Z') }, { $dateSubtract: { startDate: '$d', unit: 'day', amount: 1, timezone: 'America/New_York' } }, D('2021-03-14T12:00:00Z')],
  [{ d: D('2021-03-15T12:00:00Z'), u: 'hour' }, { $dateSubtract: { startDate: '$d', unit: '$u', amount: 2 } }, D('2021-03-15T10:00:00Z')],
  [{}, { $dateAdd: { startDate: '$x', unit: 'day', amount: 1 } }, null],
  [{ d: jan1 }, { $dateAdd: { startDate: '$d', unit: '$u', amount: 1 } }, null],
  [{ d: jan1 }, { $dateAdd: { startDate: '$d', unit: 'day', amount: null } }, null],
  [{ d: jan1 }, { $dateAdd: { startDate: '$d', unit: 'day', amount: 1, timezone: '$tz' } }, null],
  [{ d: 'x' }, { $dateAdd: { startDate: '$d', unit: 'day', amount: 1 } }, err('$dateAdd requires startDate to be convertible to a date')],
  [{ d: jan1 }, { $dateAdd: { startDate: '$d', unit: 'day', amount: 1.5 } }, err('$dateAdd expects integer amount of time units')],
  [{ d: jan1 }, { $dateSubtract: { startDate: '$d', unit: 'day', amount: 'x' } }, err('$dateSubtract expects integer amount of time units')],
  [{ d: jan1, u: 'fortnight' }, { $dateAdd: { startDate: '$d', unit: '$u', amount: 1 } }, err("$dateAdd parameter 'unit' value parsing failed :: caused by :: unknown time unit value: fortnight")],
  [{ d: jan1, u: 1 }, { $dateAdd: { startDate: '$d', unit: '$u', amount: 1 } }, err("$dateAdd requires 'unit' to be a string, but got int")],
  [{ d: D('2021-01-01T00:00:00Z') }, { $dateAdd: { startDate: '$d', unit: 'year', amount: 300000 } }, err('$dateAdd overflowed')],
  [{ d: jan1 }, { $dateAdd: { startDate: '$d', unit: 'fortnight', amount: 1 } }, diag('ASP413')],
  [{ d: jan1 }, { $dateAdd: { startDate: '$d', unit: 'day' } }, diag('ASP411')],
  [{ d: jan1 }, { $dateAdd: { startDate: '$d', unit: 'day', amount: 1, when: 1 } }, diag('ASP411')],
]);

run('$dateDiff', [
  [{ a: D('2020-12-31T23:59:59Z'), b: D('2021-01-01T00:00:01Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'year' } }, L(1)],
  [{ a: D('2021-01-01T00:00:01Z'), b: D('2020-12-31T23:59:59Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'year' } }, L(-1)],
  [{ a: D('2021-03-31T00:00:00Z'), b: D('2021-04-01T00:00:00Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'quarter' } }, L(1)],
  [{ a: D('2021-01-31T00:00:00Z'), b: D('2021-03-01T00:00:00Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'month' } }, L(2)],
  [{ a: D('2024-01-06T00:00:00Z'), b: D('2024-01-08T00:00:00Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'week' } }, L(1)],
  [{ a: D('2024-01-06T00:00:00Z'), b: D('2024-01-08T00:00:00Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'week', startOfWeek: 'mon' } }, L(1)],
  [{ a: D('2024-01-08T00:00:00Z'), b: D('2024-01-13T00:00:00Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'week', startOfWeek: 'SATURDAY' } }, L(1)],
  [{ a: D('2024-01-08T00:00:00Z'), b: D('2024-01-13T00:00:00Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'week', startOfWeek: 'monday' } }, L(0)],
  [{ a: D('2021-01-01T10:59:00Z'), b: D('2021-01-01T11:01:00Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'hour' } }, L(1)],
  [{ a: D('2021-01-01T10:59:00Z'), b: D('2021-01-01T11:01:00Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'hour', timezone: '+05:30' } }, L(0)],
  [{ a: D('2021-01-01T10:59:59.999Z'), b: D('2021-01-01T11:00:00Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'second' } }, L(1)],
  [{ a: D('2021-01-01T10:59:59.999Z'), b: D('2021-01-01T11:00:00Z') }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'millisecond' } }, L(1)],
  [{ a: ts, b: oid }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'minute' } }, L(0)],
  [{ b: jan1 }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'day' } }, null],
  [{ a: jan1 }, { $dateDiff: { startDate: '$a', endDate: null, unit: 'day' } }, null],
  [{ a: jan1 }, { $dateDiff: { startDate: '$a', endDate: '$a', unit: '$u' } }, null],
  [{ a: jan1 }, { $dateDiff: { startDate: '$a', endDate: '$a', unit: 'week', startOfWeek: '$s' } }, null],
  [{ a: jan1 }, { $dateDiff: { startDate: '$a', endDate: '$a', unit: 'day', startOfWeek: '$s' } }, L(0)],
  [{ a: jan1 }, { $dateDiff: { startDate: '$a', endDate: '$a', unit: 'day', timezone: null } }, null],
  [{ a: 'x', b: jan1 }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'day' } }, err("$dateDiff requires 'startDate' to be a date, but got string")],
  [{ a: jan1, b: 3 }, { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'day' } }, err("$dateDiff requires 'endDate' to be a date, but got int")],
  [{ a: jan1, u: 'century' }, { $dateDiff: { startDate: '$a', endDate: '$a', unit: '$u' } }, err("$dateDiff parameter 'unit' value parsing failed :: caused by :: unknown time unit value: century")],
  [{ a: jan1, s: 'someday' }, { $dateDiff: { startDate: '$a', endDate: '$a', unit: 'week', startOfWeek: '$s' } }, err("$dateDiff parameter 'startOfWeek' value cannot be recognized as a day of a week: someday")],
  [{ a: jan1, s: 1 }, { $dateDiff: { startDate: '$a', endDate: '$a', unit: 'week', startOfWeek: '$s' } }, err("$dateDiff requires 'startOfWeek' to be a string, but got int")],
  [{ a: jan1, tz: 'INVALID' }, { $dateDiff: { startDate: '$a', endDate: '$a', unit: 'day', timezone: '$tz' } }, err("$dateDiff parameter 'timezone' value parsing failed :: caused by :: unrecognized time zone identifier: \"INVALID\"")],
  [{ a: jan1 }, { $dateDiff: { startDate: '$a', endDate: '$a', unit: 'century' } }, diag('ASP413')],
  [{ a: jan1 }, { $dateDiff: { startDate: '$a', unit: 'day' } }, diag('ASP411')],
]);

run('$dateTrunc', [
  [{ d: D('2021-03-15T14:27:31.123Z') }, { $dateTrunc: { date: '$d', unit: 'hour' } }, D('2021-03-15T14:00:00Z')],
  [{ d: D('2021-03-15T14:27:31.123Z') }, { $dateTrunc: { date: '$d', unit: 'minute', binSize: 15 } }, D('2021-03-15T14:15:00Z')],
  [{ d: D('2021-03-15T14:27:31.123Z') }, { $dateTrunc: { date: '$d', unit: 'second' } }, D('2021-03-15T14:27:31Z')],
  [{ d: D('2021-03-15T14:27:31.123Z') }, { $dateTrunc: { date: '$d', unit: 'millisecond', binSize: 100 } }, D('2021-03-15T14:27:31.100Z')],
  [{ d: D('2021-03-15T14:27:31.123Z') }, { $dateTrunc: { date: '$d', unit: 'day', binSize: 7 } }, D('2021-03-13T00:00:00Z')],
  [{ d: D('2021-03-15T14:27:31.123Z') }, { $dateTrunc: { date: '$d', unit: 'week' } }, D('2021-03-14T00:00:00Z')],
  [{ d: D('2021-03-15T14:27:31.123Z') }, { $dateTrunc: { date: '$d', unit: 'week', startOfWeek: 'monday' } }, D('2021-03-15T00:00:00Z')],
  [{ d: D('2021-03-15T14:27:31.123Z') }, { $dateTrunc: { date: '$d', unit: 'month' } }, D('2021-03-01T00:00:00Z')],
  [{ d: D('2021-03-15T14:27:31.123Z') }, { $dateTrunc: { date: '$d', unit: 'quarter' } }, D('2021-01-01T00:00:00Z')],
  [{ d: D('2021-08-15T14:27:31.123Z') }, { $dateTrunc: { date: '$d', unit: 'month', binSize: 6 } }, D('2021-07-01T00:00:00Z')],
  [{ d: D('2021-03-15T14:27:31.123Z') }, { $dateTrunc: { date: '$d', unit: 'year', binSize: 5 } }, D('2020-01-01T00:00:00Z')],
  [{ d: D('1999-03-15T14:27:31.123Z') }, { $dateTrunc: { date: '$d', unit: 'year', binSize: 5 } }, D('1995-01-01T00:00:00Z')],
  [{ d: D('2021-03-15T14:27:31.123Z') }, { $dateTrunc: { date: '$d', unit: 'hour', timezone: '+05:30' } }, D('2021-03-15T13:30:00Z')],
  [{ d: oid }, { $dateTrunc: { date: '$d', unit: 'year' } }, D('2021-01-01T00:00:00Z')],
  [{}, { $dateTrunc: { date: '$x', unit: 'day' } }, null],
  [{ d: jan1 }, { $dateTrunc: { date: '$d', unit: null } }, null],
  [{ d: jan1 }, { $dateTrunc: { date: '$d', unit: 'day', binSize: '$b' } }, null],
  [{ d: jan1 }, { $dateTrunc: { date: '$d', unit: 'day', timezone: '$tz' } }, null],
  [{ d: 'x' }, { $dateTrunc: { date: '$d', unit: 'day' } }, err("$dateTrunc requires 'date' to be a date, but got string")],
  [{ d: jan1, b: 0 }, { $dateTrunc: { date: '$d', unit: 'day', binSize: '$b' } }, err("$dateTrunc requires 'binSize' to be greater than 0, but got value 0")],
  [{ d: jan1, b: 'x' }, { $dateTrunc: { date: '$d', unit: 'day', binSize: '$b' } }, err("$dateTrunc requires 'binSize' to be a 64-bit integer, but got value '\"x\"' of type string")],
  [{ d: jan1 }, { $dateTrunc: { date: '$d', unit: 'day', binSize: 0 } }, diag('ASP413')],
  [{ d: jan1 }, { $dateTrunc: { date: '$d' } }, diag('ASP411')],
]);

test('every date operator has 1-3 examples that evaluate as documented', () => {
  assert.equal(dateOperators.length, 21);
  for (const op of dateOperators) {
    assert.ok(op.examples.length >= 1 && op.examples.length <= 3, op.name);
    assert.match(op.docsUrl, /^https:\/\/www\.mongodb\.com\/docs\//, op.name);
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

test('a constant time zone is resolved once and offsets are cached', () => {
  const expr = { $hour: { date: '$d', timezone: 'Australia/Adelaide' } };
  const jan = D('2021-01-15T00:00:00Z');
  const jul = D('2021-07-15T00:00:00Z');
  assert.equal(evaluate(expr, { d: jan }, clock).value, 10); // ACDT +10:30
  assert.equal(evaluate(expr, { d: jul }, clock).value, 9); // ACST +09:30
  for (let i = 0; i < 1000; i++) assert.equal(evaluate(expr, { d: jan }, clock).value, 10);
});

// jstests/aggregation/expressions/date_from_parts.js: millisecond values that are not 64-bit
// integers, or that overflow a 64-bit count of microseconds.
run('$dateFromParts: overflow and integral 64-bit parts', [
  [{ v: 18014398509481984.0 }, { $dateFromParts: { year: 1970, millisecond: '$v' } }, err('Overflow casting from a lower-precision duration to a higher-precision duration')],
  [{ v: Decimal128.fromString('9223372036854775807') }, { $dateFromParts: { year: 1970, millisecond: '$v' } }, err('Overflow casting from a lower-precision duration to a higher-precision duration')],
  [{ v: 18014398509481984000.0 }, { $dateFromParts: { year: 1970, millisecond: '$v' } }, err("'millisecond' must evaluate to an integer, found double with value 18014398509481984000")],
  [{ v: Decimal128.fromString('9223372036854775807000') }, { $dateFromParts: { year: 1970, millisecond: '$v' } }, err("'millisecond' must evaluate to an integer, found decimal with value 9223372036854775807000")],
  [{ v: 18014398509481984.0 }, { $dateFromParts: { year: 1970, second: '$v' } }, err('Overflow casting from a lower-precision duration to a higher-precision duration')],
  // "seventyMillionAndSomething" of the jstest: its 1970 rows fix it at 71841012.
  [{ v: 71841012 }, { $dateFromParts: { year: 2017, second: '$v' } }, D('2019-04-12T11:50:12.000Z')],
  [{ v: 71841012 }, { $dateFromParts: { year: 1970, second: '$v' } }, D('1972-04-11T11:50:12.000Z')],
  [{ v: 71841012 }, { $dateFromParts: { year: 2017, millisecond: '$v' } }, D('2017-01-01T19:57:21.012Z')],
  [{ v: 71841012 }, { $dateFromParts: { year: 1970, millisecond: '$v' } }, D('1970-01-01T19:57:21.012Z')],
  [{}, { $dateFromParts: { year: 2017, millisecond: -1 } }, D('2016-12-31T23:59:59.999Z')],
  [{}, { $dateFromParts: { year: 2017, millisecond: 1001 } }, D('2017-01-01T00:00:01.001Z')],
  [{ y: Decimal128.fromString('2017'), m: 6.0, d: 19, h: Long.fromNumber(15) }, { $dateFromParts: { year: '$y', month: '$m', day: '$d', hour: '$h' } }, D('2017-06-19T15:00:00Z')],
]);

// jstests/aggregation/expressions/date_to_string.js: %z, %Z, %w %U %G %u %V, %b %B.
const zones: [string, string, string][] = [
  ['2017-07-04T14:56:42.911Z', 'UTC', '2017-07-04 14:56:42 +0000 (0 minutes)'],
  ['2017-07-04T14:56:42.911Z', 'Europe/London', '2017-07-04 15:56:42 +0100 (60 minutes)'],
  ['2017-07-04T14:56:42.911Z', 'America/New_York', '2017-07-04 10:56:42 -0400 (-240 minutes)'],
  ['2017-07-04T14:56:42.911Z', 'Australia/Eucla', '2017-07-04 23:41:42 +0845 (525 minutes)'],
  ['2017-07-04T14:56:42.911Z', 'Asia/Kathmandu', '2017-07-04 20:41:42 +0545 (345 minutes)'],
  ['2017-01-04T15:08:51.911Z', 'America/New_York', '2017-01-04 10:08:51 -0500 (-300 minutes)'],
  // Issue 13: +04:30 is "270", not "+270".
  ['2017-07-04T14:56:42.911Z', '+04:30', '2017-07-04 19:26:42 +0430 (270 minutes)'],
];
run('$dateToString %z and %Z (MongoDB date_to_string.js)', zones.map(([d, tz, out]) => [
  { d: D(d) }, { $dateToString: { format: '%Y-%m-%d %H:%M:%S %z (%Z minutes)', date: '$d', timezone: tz } }, out,
]));
run('$dateToString week and month specifiers (MongoDB date_to_string.js)', [
  [{ d: D('2017-01-01T15:08:51.911Z') }, { $dateToString: { format: 'Natural: %Y-W%w-%U, ISO: %G-W%u-%V', date: '$d' } }, 'Natural: 2017-W1-01, ISO: 2016-W7-52'],
  [{ d: D('2017-07-04T15:09:12.911Z') }, { $dateToString: { format: 'Natural: %Y-W%w-%U, ISO: %G-W%u-%V', date: '$d' } }, 'Natural: 2017-W3-27, ISO: 2017-W2-27'],
  [{ d: D('2017-12-04T15:09:14.911Z') }, { $dateToString: { format: 'Natural: %Y-W%w-%U, ISO: %G-W%u-%V', date: '$d' } }, 'Natural: 2017-W2-49, ISO: 2017-W1-49'],
  [{ d: D('2017-01-01T15:08:51.911Z') }, { $dateToString: { format: '%b (%B) %d, %Y', date: '$d' } }, 'Jan (January) 01, 2017'],
  [{ d: D('2017-07-04T15:09:12.911Z') }, { $dateToString: { format: '%b (%B) %d, %Y', date: '$d' } }, 'Jul (July) 04, 2017'],
  [{ d: D('2017-12-04T15:09:14.911Z') }, { $dateToString: { format: '%j %L %%', date: '$d' } }, '338 911 %'],
  [{ d: D('2017-01-04T15:08:51.911Z') }, { $dateToString: { date: '$d', timezone: 'America/New_York' } }, '2017-01-04T10:08:51.911'],
  [{}, { $dateToString: { date: D('2017-01-04T15:08:51.911Z'), format: null } }, null],
  [{}, { $dateToString: { date: D('2017-01-04T15:08:51.911Z'), format: '$missing' } }, null],
  [{}, { $dateToString: { date: D('2017-01-04T15:08:51.911Z'), format: 5 } }, diag('ASP413')],
  [{}, { $dateToString: { date: D('2017-01-04T15:08:51.911Z'), format: '%' } }, diag('ASP413')],
  [{}, { $dateToString: { date: D('2017-01-04T15:08:51.911Z'), format: '%n' } }, diag('ASP413')],
  [{ f: '%n' }, { $dateToString: { date: D('2017-01-04T15:08:51.911Z'), format: '$f' } }, err("Invalid format character '%n' in format string")],
]);

// jstests/aggregation/expressions/date_from_string.js: %L reads digits after the point, the
// seconds may follow "HH:MM.", and %z takes offsets, GMT/UTC forms, abbreviations, military zones.
const fromString: [string, string, string | undefined][] = [
  ['2017-07-04T11:56:02.813Z', '2017-07-04T11:56:02.813Z', '%Y-%m-%dT%H:%M:%S.%LZ'],
  ['2017-07-04T11:56:02.810Z', '2017-07-04T11:56:02.81Z', '%Y-%m-%dT%H:%M:%S.%LZ'],
  ['2017-07-04T11:56:02.800Z', '2017-07-04T11:56:02.8Z', '%Y-%m-%dT%H:%M:%S.%LZ'],
  ['2017-07-04T11:56:02Z', '2017-07-04T11:56.02', '%Y-%m-%dT%H:%M.%S'],
  ['2017-07-04T11:56:02.813Z', '2017-07-04T11:56.02.813', '%Y-%m-%dT%H:%M.%S.%L'],
  ['2017-07-04T11:56:02.810Z', '2017-07-04T11:56.02.81', '%Y-%m-%dT%H:%M.%S.%L'],
  ['2017-07-04T11:56:02.800Z', '2017-07-04T11:56.02.8', '%Y-%m-%dT%H:%M.%S.%L'],
];
run('$dateFromString %L and HH:MM.SS (MongoDB date_from_string.js)', fromString.flatMap(([expect, s, format]): [Record<string, unknown>, unknown, unknown][] => [
  [{ s }, { $dateFromString: { dateString: '$s' } }, D(expect)],
  [{ s }, { $dateFromString: { dateString: '$s', format } }, D(expect)],
]));
const withZone: [string, string][] = [
  ['2017-07-14T12:02:44.771Z', '2017-07-14T12:02:44.771 GMT'],
  ['2017-07-14T12:02:44.771Z', '2017-07-14T12:02:44.771 GMT+00'],
  ['2017-07-14T12:02:44.771Z', '2017-07-14T12:02:44.771 GMT+00:00'],
  ['2017-07-14T10:02:44.771Z', '2017-07-14T12:02:44.771 GMT+02'],
  ['2017-07-14T10:02:44.771Z', '2017-07-14T12:02:44.771 GMT+02:00'],
  ['2017-07-14T09:02:44.771Z', '2017-07-14T12:02:44.771+03'],
  ['2017-07-14T08:32:44.771Z', '2017-07-14T12:02:44.771+0330'],
  ['2017-07-14T08:32:44.771Z', '2017-07-14T12:02:44.771+03:30'],
  ['2017-07-14T12:02:44.771Z', '2017-07-14T12:02:44.771 UTC'],
  ['2017-07-14T10:02:44.771Z', '2017-07-14T12:02:44.771 CEST'],
  ['2017-07-14T17:02:44.771Z', '2017-07-14T12:02:44.771 EST'],
  ['2017-07-14T19:02:44.771Z', '2017-07-14T12:02:44.771 PDT'],
  ['2017-07-14T11:02:44.771Z', '2017-07-14T12:02:44.771 A'],
  ['2017-07-14T01:02:44.771Z', '2017-07-14T12:02:44.771 L'],
  ['2017-07-14T15:02:44.771Z', '2017-07-14T12:02:44.771 P'],
  ['2017-07-14T12:02:44.771Z', '2017-07-14T12:02:44.771 Z'],
];
run('$dateFromString zone information, with and without %z (MongoDB date_from_string.js)', withZone.flatMap(([expect, s]): [Record<string, unknown>, unknown, unknown][] => [
  [{ s }, { $dateFromString: { dateString: '$s' } }, D(expect)],
  [{ s }, { $dateFromString: { dateString: '$s', format: '%Y-%m-%dT%H:%M:%S.%L%z' } }, D(expect)],
]));
// %Z reads what $dateToString %Z writes.
run('$dateFromString %Z round trip', [
  [{ s: '2017-07-04 19:26:42 270' }, { $dateFromString: { dateString: '$s', format: '%Y-%m-%d %H:%M:%S %Z' } }, D('2017-07-04T14:56:42Z')],
  [{ s: '2017-07-04 10:56:42 -240' }, { $dateFromString: { dateString: '$s', format: '%Y-%m-%d %H:%M:%S %Z' } }, D('2017-07-04T14:56:42Z')],
]);

// Constant bad `unit` / `binSize` / `startOfWeek` are compile diagnostics (ASP413); the same values
// from a field go to the DLQ with MongoDB's text (src/mongo/db/exec/expression/evaluate_date.cpp:
// 5439013, 5439015-5439018, and "unknown time unit value" behind "parameter 'unit' value parsing failed").
run('$dateTrunc / $dateDiff: bad unit and binSize', [
  [{ d: jan1 }, { $dateTrunc: { date: '$d', unit: 'centuries' } }, diag('ASP413')],
  [{ d: jan1 }, { $dateTrunc: { date: '$d', unit: 5 } }, diag('ASP413')],
  [{ d: jan1 }, { $dateTrunc: { date: '$d', unit: 'day', binSize: 0 } }, diag('ASP413')],
  [{ d: jan1 }, { $dateTrunc: { date: '$d', unit: 'day', binSize: 1.5 } }, diag('ASP413')],
  [{ d: jan1 }, { $dateTrunc: { date: '$d', unit: 'week', startOfWeek: 'someday' } }, diag('ASP413')],
  [{ d: jan1 }, { $dateDiff: { startDate: '$d', endDate: '$d', unit: 'centuries' } }, diag('ASP413')],
  [{ d: jan1, u: 'centuries' }, { $dateTrunc: { date: '$d', unit: '$u' } }, err("$dateTrunc parameter 'unit' value parsing failed :: caused by :: unknown time unit value: centuries")],
  [{ d: jan1, u: 5 }, { $dateTrunc: { date: '$d', unit: '$u' } }, err("$dateTrunc requires 'unit' to be a string, but got int")],
  [{ d: jan1, b: 0 }, { $dateTrunc: { date: '$d', unit: 'day', binSize: '$b' } }, err("$dateTrunc requires 'binSize' to be greater than 0, but got value 0")],
  [{ d: jan1, b: 1.5 }, { $dateTrunc: { date: '$d', unit: 'day', binSize: '$b' } }, err("$dateTrunc requires 'binSize' to be a 64-bit integer, but got value '1.5' of type double")],
  [{ d: jan1, b: 'x' }, { $dateTrunc: { date: '$d', unit: 'day', binSize: '$b' } }, err("$dateTrunc requires 'binSize' to be a 64-bit integer, but got value '\"x\"' of type string")],
]);
