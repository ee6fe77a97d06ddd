// https://www.mongodb.com/docs/manual/reference/operator/query/lte/
import { comparisonOperator } from './_internal';

export const lte = comparisonOperator('$lte', 'Matches values less than or equal to the given value, within the same BSON type bracket.', [{ filter: { qty: { $lte: 20 } }, doc: { qty: 20 }, matches: true }]);
