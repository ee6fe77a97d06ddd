// https://www.mongodb.com/docs/manual/reference/operator/query/near/
import type { QueryOperatorSpec } from '../types';
import { reject } from '../unsupported';

export const near: QueryOperatorSpec = {
  name: '$near',
  level: 'field',
  category: 'geospatial',
  summary: 'Geospatial proximity query. Not allowed in $match or $validate.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/near/',
  syntax: '{ <field>: { $near: { $geometry: <point>, $maxDistance: <meters> } } }',
  examples: [{ filter: { loc: { $near: [0, 0] } }, doc: {}, error: '$geoNear, $near, and $nearSphere are not allowed in this context' }],
  unsupported: '$near is not allowed in $match or $validate.',
  compileField: (_arg, q, path) => reject('$near', q, path),
};
