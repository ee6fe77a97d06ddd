/**
 * $addFields: add or overwrite fields with computed values ($set is an alias).
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/addFields/
 */
import { isPlainObject } from '../bson/types';
import { err } from '../parse/args';
import { exprShape } from '../parse/exprShape';
import { cloneTop, setIn } from '../parse/shape';
import { perDocument } from './_perDocument';
import { compileSetter, type FieldSetter } from './_projection';
import type { StageSpec } from '../parse/types';

/** Builds $addFields and its alias $set, which share semantics and operator name. */
export function addFieldsLike(name: '$addFields' | '$set', docsUrl: string): StageSpec<FieldSetter> {
  return {
    name,
    kind: 'transform',
    placement: { main: true, window: true, payload: true },
    operatorName: 'AddFieldsOperator',
    summary: name === '$set' ? 'Alias of $addFields: adds or overwrites fields.' : 'Adds new fields or overwrites existing ones with computed values.',
    docsUrl,
    syntax: `{ ${name}: { <field>: <expression>, ... } }`,
    rootRole: 'fieldMap',
    rootType: 'object',
    examples: [
      {
        title: 'Flag hot panels',
        stage: { [name]: { hot: { $gt: ['$obs.temp', 20] } } },
        input: [{ device_id: 'device_1', obs: { temp: 24 } }],
        output: [{ device_id: 'device_1', obs: { temp: 24 }, hot: true }],
      },
    ],
    parse(arg, path, ctx) {
      if (!isPlainObject(arg)) {
        err(ctx, path, `${name} specification must be an object.`, 'ASP203');
        return undefined;
      }
      return compileSetter(arg, ctx.compiler, path, name);
    },
    outputShape(input, arg) {
      const out = cloneTop(input);
      if (isPlainObject(arg)) for (const [k, v] of Object.entries(arg)) if (k.length > 0) setIn(out, k, exprShape(v, input));
      return out;
    },
    create(setter, rt, next) {
      return perDocument('AddFieldsOperator', rt, next, (doc, ctx) => setter.apply(doc, ctx));
    },
  };
}

export const addFields = addFieldsLike('$addFields', 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/addFields/');
