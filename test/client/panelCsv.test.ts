/** CSV export of the output panel's table (RFC 4180 quoting, DLQ column). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, toCsv } from '../../client/panel/csv';

test('fields are quoted only when they must be, with quotes doubled', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\rhere'), '"cr\rhere"');
  assert.equal(csvField(' lead'), '" lead"');
  assert.equal(csvField('trail '), '"trail "');
  assert.equal(csvField(''), '');
});

test('one header of column paths, one CRLF line per row, values as the table shows them', () => {
  const csv = toCsv(['id', 'obs.watts', '_ts', 'tags'], [
    { doc: { id: 1, obs: { watts: 250 }, _ts: { $date: '2026-01-01T00:00:00Z' }, tags: ['a', 'b'] } },
    { doc: { id: { $oid: '65a000000000000000000002' }, note: 'x' } },
  ]);
  assert.equal(csv, 'id,obs.watts,_ts,tags\r\n1,250,2026-01-01T00:00:00.000Z,"[""a"",""b""]"\r\n65a000000000000000000002,,,\r\n');
});

test('a leading _dlq column holds the reason when some row is a DLQ record', () => {
  const csv = toCsv(['i'], [{ doc: { i: 1 } }, { doc: { i: 2 }, dlq: 'MatchOperator: bad, really' }]);
  assert.equal(csv, '_dlq,i\r\n,1\r\n"MatchOperator: bad, really",2\r\n');
});

test('no rows: the header alone', () => {
  assert.equal(toCsv(['a', 'b,c'], []), 'a,"b,c"\r\n');
});

test('an event time column (ISO) follows _dlq when some row has an event time', () => {
  const csv = toCsv(['i'], [{ doc: { i: 1 }, eventTime: Date.parse('2026-12-03T10:00:00Z') }, { doc: { i: 2 }, dlq: 'late', eventTime: 0 }, { doc: { i: 3 } }]);
  assert.equal(csv, '_dlq,event time,i\r\n,2026-12-03T10:00:00.000Z,1\r\nlate,1970-01-01T00:00:00.000Z,2\r\n,,3\r\n');
});
