// https://www.mongodb.com/docs/manual/reference/operator/query/nearsphere/
import type { QueryOperatorSpec } from '../types';
import { reject } from '../unsupported';

export const nearSphere: QueryOperatorSpec = {
  name: '$nearSphere',
  level: 'field',
  category: 'geospatial',
  summary: 'Spherical proximity query. Not allowed in $match or $validate.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/nearsphere/',
  syntax: '{ <field>: { $nearSphere: { $geometry: <point>, $maxDistance: <meters> } } }',
  examples: [{ filter: { loc: { $nearSphere: [0, 0] } }, doc: {}, error: '$geoNear, $near, and $nearSphere are not allowed in this context' }],
  unsupported: '$nearSphere is not allowed in $match or $validate.',
  compileField: (_arg, q, path) => reject('$nearSphere', q, path),
};
