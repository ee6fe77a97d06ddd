// https://www.mongodb.com/docs/manual/reference/operator/query/gt/
import { comparisonOperator } from './_internal';

export const gt = comparisonOperator('$gt', 'Matches values greater than the given value, within the same BSON type bracket.', [{ filter: { qty: { $gt: 20 } }, doc: { qty: 25 }, matches: true }, { filter: { qty: { $gt: 20 } }, doc: { qty: '25' }, matches: false }]);
