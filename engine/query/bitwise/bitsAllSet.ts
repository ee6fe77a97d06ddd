// https://www.mongodb.com/docs/manual/reference/operator/query/bitsallset/
import { bitwiseOperator } from './_internal';

export const bitsAllSet = bitwiseOperator('allSet', 'Matches numbers or BinData in which all the given bit positions are 1.', [{ filter: { a: { $bitsAllSet: [1, 5] } }, doc: { a: 54 }, matches: true }, { filter: { a: { $bitsAllSet: [0] } }, doc: { a: 54 }, matches: false }]);
