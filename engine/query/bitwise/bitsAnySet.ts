// https://www.mongodb.com/docs/manual/reference/operator/query/bitsanyset/
import { bitwiseOperator } from './_internal';

export const bitsAnySet = bitwiseOperator('anySet', 'Matches numbers or BinData in which any of the given bit positions is 1.', [{ filter: { a: { $bitsAnySet: [0, 1] } }, doc: { a: 54 }, matches: true }]);
