// https://www.mongodb.com/docs/manual/reference/operator/query/lt/
import { comparisonOperator } from './_internal';

export const lt = comparisonOperator('$lt', 'Matches values less than the given value, within the same BSON type bracket.', [{ filter: { qty: { $lt: 20 } }, doc: { qty: 5 }, matches: true }, { filter: { qty: { $lt: 20 } }, doc: { qty: 20 }, matches: false }]);
