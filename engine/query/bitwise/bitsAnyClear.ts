// https://www.mongodb.com/docs/manual/reference/operator/query/bitsanyclear/
import { bitwiseOperator } from './_internal';

export const bitsAnyClear = bitwiseOperator('anyClear', 'Matches numbers or BinData in which any of the given bit positions is 0.', [{ filter: { a: { $bitsAnyClear: [1, 3] } }, doc: { a: 54 }, matches: true }]);
