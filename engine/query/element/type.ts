// https://www.mongodb.com/docs/manual/reference/operator/query/type/
import { typeName } from '../../bson/types';
import type { QueryOperatorSpec } from '../types';
import { resolveType } from '../typeAliases';
import { anyValue } from '../values';

export const type: QueryOperatorSpec = {
  name: '$type',
  level: 'field',
  category: 'element',
  summary: 'Matches values of the given BSON type(s), by name ("string", "number", ...) or number; array fields match by element type too.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/type/',
  syntax: '{ <field>: { $type: <BSON type> | [ <BSON type1>, ... ] } }',
  examples: [{ filter: { zip: { $type: 'string' } }, doc: { zip: '10001' }, matches: true }, { filter: { zip: { $type: 'number' } }, doc: { zip: '10001' }, matches: false }],
  snippet: '"${1|string,number,int,long,double,decimal,bool,date,object,array,null,objectId,binData,regex,timestamp|}"',
  compileField(arg, q, path) {
    const list = Array.isArray(arg) ? arg : [arg];
    if (Array.isArray(arg) && arg.length === 0) return q.fail(path, '$type must match at least one type');
    const names = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const r = resolveType(list[i], true);
      if (typeof r === 'string') return q.fail(Array.isArray(arg) ? [...path, i] : path, r);
      for (const n of r) names.add(n);
    }
    if (names.size === 1) {
      const only = [...names][0]!;
      return anyValue((v) => typeName(v) === only);
    }
    return anyValue((v) => names.has(typeName(v)));
  },
};
