// https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateAdd/
import { dateArithmetic } from './_arith';

/** $dateAdd */
export const $dateAdd = dateArithmetic('$dateAdd', 1, 'Adds a number of time units (year ... millisecond) to a date, in a time zone.', [
  { doc: { d: new Date('2021-01-31T10:00:00Z') }, expr: { $dateAdd: { startDate: '$d', unit: 'month', amount: 1 } }, expected: new Date('2021-02-28T10:00:00Z') },
  { doc: { d: new Date('2021-03-13T12:00:00Z') }, expr: { $dateAdd: { startDate: '$d', unit: 'day', amount: 1, timezone: 'America/New_York' } }, expected: new Date('2021-03-14T11:00:00Z') },
  { doc: { d: new Date('2021-03-13T12:00:00Z') }, expr: { $dateAdd: { startDate: '$d', unit: 'hour', amount: 1.5 } }, error: '$dateAdd expects integer amount of time units' },
]);
