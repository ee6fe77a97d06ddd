// The stages' field tables: well formed, connection fields name their types, and the JSON Schema
// derived from a table accepts exactly what the shared checker accepts (a property test over
// seeded random arguments drawn from every table). ajv compiles only our own derived schemas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { allStages } from '../../../engine/stages/registry';
import type { FieldSpec, FieldType } from '../../../engine/parse/fieldSpec';
import type { Doc, Value } from '../../../engine/core/types';
import type { ParseContext, StageSpec } from '../../../engine/parse/types';
import { typesOf, walkFields } from '../../../engine/parse/fields';
import { stageSchema } from '../../../engine/parse/fieldSchema';
import { checkStageArg } from '../../../engine/parse/checkFields';
import { ExprCompiler } from '../../../engine/expr/compile';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { SOURCE_FIELDS } from '../../../engine/sources/flavours';
import { prng } from '../../../engine/sources/sample';

const tables = allStages.filter((s): s is StageSpec & { fields: readonly FieldSpec[] } => s.fields !== undefined);

test('each stage declares either a field table or a root role', () => {
  for (const s of allStages) assert.ok((s.fields !== undefined) !== (s.rootRole !== undefined), s.name);
});

test('every field with a connection role declares the connection types it accepts', () => {
  for (const s of tables) {
    walkFields(s.fields, (f, path) => {
      if (f.role === 'connection') assert.ok(f.connectionTypes && f.connectionTypes.length > 0, `${s.name}.${path}`);
      else assert.equal(f.connectionTypes, undefined, `${s.name}.${path}: connectionTypes on a ${f.role} field`);
    });
  }
});

test('tables are well formed: unique names, a description, types where the checker needs them', () => {
  for (const s of tables) {
    const check = (fields: readonly FieldSpec[], at: string): void => {
      const names = fields.flatMap((f) => [f.name, ...(f.aliases ?? [])]);
      assert.equal(new Set(names).size, names.length, `${at}: duplicate field`);
      for (const f of fields) {
        const where = `${at}.${f.name}`;
        assert.ok(f.description.length > 0, `${where}: description`);
        // an enum or nested fields only constrain values of declared types
        if (f.enum) assert.ok(typesOf(f.type).length > 0, `${where}: enum without a type`);
        if (f.fields) {
          assert.ok(typesOf(f.type).includes('object'), `${where}: nested fields need type object`);
          check(f.fields, where);
        }
      }
    };
    check(s.fields, s.name);
  }
});

test('the $source table holds every field of every source flavour, and no other', () => {
  const source = tables.find((s) => s.name === '$source')!;
  const names = source.fields.flatMap((f) => [f.name, ...(f.aliases ?? [])]);
  assert.deepEqual([...names].sort(), [...SOURCE_FIELDS].sort());
});

// ---- the derived schema and the table-driven checker agree ----

const rnd = prng(20261203);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

/** One value of type `t` (nested fields filled in for objects), including edge cases of the type. */
function valueOf(t: FieldType, f: FieldSpec, depth: number): Value {
  switch (t) {
    case 'string':
      return f.enum && rnd() < 0.8 ? pick(f.enum.filter((v) => typeof v === 'string')) ?? 'x' : pick(['x', '', '$a', 'ms']);
    case 'int':
      return f.enum && rnd() < 0.8 ? pick(f.enum.filter((v) => typeof v === 'number')) ?? 1 : pick([0, 1, 7, -3, 2 ** 31, -(2 ** 31) - 1]);
    case 'number':
      return pick([0, 2.5, -1, 1e12]);
    case 'bool':
      return rnd() < 0.5;
    case 'array':
      return pick([[], [1], [{ $match: {} }]]);
    case 'object':
      return f.fields && depth < 3 ? argOf(f.fields, depth + 1) : pick([{}, { a: 1 }, { $gt: ['$a', 1] }]);
    default:
      return pick(['x', 1, {}, []]);
  }
}

/** Any JSON value, to put where a field does not expect it. */
const stray = (): Value => pick(['x', '', 3, 1.5, true, null, [], [1], {}, { a: 1 }]);

/** A random argument for a table: mostly well typed, sometimes a wrong type, a missing or an unknown field. */
function argOf(fields: readonly FieldSpec[], depth = 0): Doc {
  const out: Doc = {};
  for (const f of fields) {
    if (!f.required && rnd() < 0.5) continue;
    if (f.required && rnd() < 0.08) continue;
    const types = typesOf(f.type);
    out[f.name] = types.length === 0 || rnd() < 0.15 ? stray() : valueOf(pick(types), f, depth);
  }
  if (rnd() < 0.1) out['notAField'] = 1;
  return out;
}

function checked(spec: StageSpec, arg: Value): boolean {
  const ctx: ParseContext = {
    compiler: new ExprCompiler(),
    connections: builtinRegistry(),
    hasDlq: false,
    context: 'main',
    report: () => undefined,
    parsePipeline: () => [],
  };
  return checkStageArg(spec, arg, ['stage'], ctx);
}

test('property: the derived JSON Schema accepts exactly the arguments the shared checker accepts', () => {
  const ajv = new Ajv({ strict: false });
  let accepted = 0;
  let rejected = 0;
  for (const spec of tables.filter((s) => !s.checkFieldsInParse)) {
    const validate = ajv.compile(stageSchema(spec));
    for (let i = 0; i < 300; i++) {
      const arg = argOf(spec.fields);
      const bySchema = validate(arg);
      assert.equal(checked(spec, arg), bySchema, `${spec.name} ${JSON.stringify(arg)}: schema says ${bySchema}, ${JSON.stringify(validate.errors)}`);
      if (bySchema) accepted++;
      else rejected++;
    }
  }
  // the generator must exercise both outcomes, or the property says nothing
  assert.ok(accepted > 500 && rejected > 500, `accepted ${accepted}, rejected ${rejected}`);
});
