/**
 * $set: alias of $addFields.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/set/
 */
import { addFieldsLike } from './addFields';

export const set = addFieldsLike('$set', 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/set/');
