// https://www.mongodb.com/docs/manual/reference/operator/query/gte/
import { comparisonOperator } from './_internal';

export const gte = comparisonOperator('$gte', 'Matches values greater than or equal to the given value, within the same BSON type bracket.', [{ filter: { qty: { $gte: 20 } }, doc: { qty: 20 }, matches: true }]);
