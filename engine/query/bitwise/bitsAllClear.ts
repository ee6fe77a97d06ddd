// https://www.mongodb.com/docs/manual/reference/operator/query/bitsallclear/
import { bitwiseOperator } from './_internal';

export const bitsAllClear = bitwiseOperator('allClear', 'Matches numbers or BinData in which all the given bit positions are 0.');
