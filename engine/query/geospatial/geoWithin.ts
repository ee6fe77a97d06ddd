// https://www.mongodb.com/docs/manual/reference/operator/query/geowithin/
import type { QueryOperatorSpec } from '../types';
import { reject } from '../unsupported';

export const geoWithin: QueryOperatorSpec = {
  name: '$geoWithin',
  level: 'field',
  category: 'geospatial',
  summary: 'Matches geometries within a shape. Runs on Atlas only, not in the local engine.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/geowithin/',
  syntax: '{ <field>: { $geoWithin: { $geometry: <polygon> } } }',
  examples: [{ filter: { loc: { $geoWithin: { $center: [[0, 0], 1] } } }, doc: {}, error: '$geoWithin is not supported by the local engine (geospatial queries run only on Atlas).' }],
  unsupported: 'Not run by the local engine.',
  compileField: (_arg, q, path) => reject('$geoWithin', q, path),
};
