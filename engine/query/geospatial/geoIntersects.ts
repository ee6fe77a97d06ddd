// https://www.mongodb.com/docs/manual/reference/operator/query/geointersects/
import type { QueryOperatorSpec } from '../types';
import { reject } from '../unsupported';

export const geoIntersects: QueryOperatorSpec = {
  name: '$geoIntersects',
  level: 'field',
  category: 'geospatial',
  summary: 'Matches geometries that intersect a shape. Runs on Atlas only, not in the local engine.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/geointersects/',
  syntax: '{ <field>: { $geoIntersects: { $geometry: <geometry> } } }',
  examples: [{ filter: { loc: { $geoIntersects: { $geometry: { type: 'Point', coordinates: [0, 0] } } } }, doc: {}, error: '$geoIntersects is not supported by the local engine (geospatial queries run only on Atlas).' }],
  unsupported: 'Not run by the local engine.',
  compileField: (_arg, q, path) => reject('$geoIntersects', q, path),
};
