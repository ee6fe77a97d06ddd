// https://www.mongodb.com/docs/manual/reference/operator/query/bitsallclear/
import { bitwiseOperator } from './_internal';

export const bitsAllClear = bitwiseOperator('allClear', 'Matches numbers or BinData in which all the given bit positions are 0.', [{ filter: { a: { $bitsAllClear: [0, 3] } }, doc: { a: 54 }, matches: true }, { filter: { a: { $bitsAllClear: [1] } }, doc: { a: 54 }, matches: false }]);
