// https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateSubtract/
import { dateArithmetic } from './_arith';

/** $dateSubtract */
export const $dateSubtract = dateArithmetic('$dateSubtract', -1, 'Subtracts a number of time units (year ... millisecond) from a date, in a time zone.', [
  { doc: { d: new Date('2021-03-31T10:00:00Z') }, expr: { $dateSubtract: { startDate: '$d', unit: 'month', amount: 1 } }, expected: new Date('2021-02-28T10:00:00Z') },
  { doc: { d: new Date('2021-01-01T00:00:00Z') }, expr: { $dateSubtract: { startDate: '$d', unit: 'week', amount: 2 } }, expected: new Date('2020-12-18T00:00:00Z') },
]);
