/**
 * engine/avro schema parsing: names and namespaces (inherited, explicit, dotted, references to
 * earlier names, recursion), logical types kept only where valid, defaults converted and
 * checked, and every invalid schema refused with an error naming the path in the schema.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AvroSchemaError } from '../../../engine/avro/errors';
import { parseAvroSchema } from '../../../engine/avro/parse';
import { toJson } from '../../../engine/avro/exportSchema';
import type { AvroType, RecordType } from '../../../engine/avro/types';

function rec(t: AvroType): RecordType {
  assert.equal(t.kind, 'record');
  return t as RecordType;
}

describe('names and namespaces', () => {
  it('a nested named type inherits the enclosing namespace; a dotted name sets its own', () => {
    const t = rec(parseAvroSchema({
      type: 'record', name: 'Order', namespace: 'shop', fields: [
        { name: 'line', type: { type: 'record', name: 'Line', fields: [{ name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A'] } }] } },
        { name: 'other', type: { type: 'fixed', name: 'x.y.Id', size: 2 } },
        { name: 'ns', type: { type: 'record', name: 'Meta', namespace: 'meta', fields: [{ name: 'again', type: 'shop.Line' }] } },
        { name: 'ref', type: 'Line' },
        { name: 'kind', type: 'shop.Kind' },
        { name: 'nullns', type: { type: 'record', name: 'Free', namespace: '', fields: [] } },
      ],
    }));
    assert.equal(t.name, 'shop.Order');
    const [line, other, meta, ref, kind, free] = t.fields.map((f) => f.type);
    assert.equal((line as RecordType).name, 'shop.Line');
    assert.equal((rec(line!).fields[0]!.type as { name: string }).name, 'shop.Kind');
    assert.equal((other as { name: string }).name, 'x.y.Id');
    assert.equal((meta as RecordType).name, 'meta.Meta');
    assert.equal(rec(meta!).fields[0]!.type, line, 'a reference is the same object');
    assert.equal(ref, line);
    assert.equal((kind as { name: string }).name, 'shop.Kind');
    assert.equal((free as RecordType).name, 'Free');
  });

  it('a record may refer to itself (a recursive type)', () => {
    const t = rec(parseAvroSchema({ type: 'record', name: 'Tree', fields: [{ name: 'kids', type: { type: 'array', items: 'Tree' } }] }));
    assert.equal((t.fields[0]!.type as { items: AvroType }).items, t);
  });

  it('JSON text and bare primitive names parse; export keeps logical attributes', () => {
    assert.deepEqual(parseAvroSchema('"int"'), { kind: 'int' });
    assert.deepEqual(parseAvroSchema('string'), { kind: 'string' });
    assert.deepEqual(toJson(parseAvroSchema('{"type":"bytes","logicalType":"decimal","precision":5,"scale":1}')), { type: 'bytes', logicalType: 'decimal', precision: 5, scale: 1 });
  });
});

describe('logical types', () => {
  const logical = (s: object) => parseAvroSchema(s).logical;
  it('are kept where valid and ignored (the underlying type) where not, as the spec says', () => {
    assert.deepEqual(logical({ type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 }), { name: 'decimal', precision: 4, scale: 2 });
    assert.deepEqual(logical({ type: 'bytes', logicalType: 'decimal', precision: 4 }), { name: 'decimal', precision: 4, scale: 0 });
    assert.equal(logical({ type: 'bytes', logicalType: 'decimal', precision: 2, scale: 3 }), undefined, 'scale above precision');
    assert.equal(logical({ type: 'bytes', logicalType: 'decimal' }), undefined, 'no precision');
    assert.equal(logical({ type: 'fixed', name: 'F', size: 2, logicalType: 'decimal', precision: 5 }), undefined, '2 bytes hold 4 digits');
    assert.deepEqual(logical({ type: 'fixed', name: 'G', size: 2, logicalType: 'decimal', precision: 4 }), { name: 'decimal', precision: 4, scale: 0 });
    assert.equal(logical({ type: 'string', logicalType: 'timestamp-millis' }), undefined);
    assert.equal(logical({ type: 'long', logicalType: 'nanos' }), undefined);
    for (const [type, name] of [['int', 'date'], ['int', 'time-millis'], ['long', 'time-micros'], ['long', 'timestamp-millis'], ['long', 'timestamp-micros'], ['long', 'local-timestamp-millis'], ['long', 'local-timestamp-micros'], ['string', 'uuid']]) {
      assert.equal(logical({ type, logicalType: name })?.name, name);
    }
  });
});

describe('invalid schemas name the path', () => {
  const bad: [string, unknown, RegExp][] = [
    ['an unknown type name', { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }, { name: 'b', type: 'Nope' }] }, /^at fields\[1\]\.type: 'Nope' is not a primitive type or a named type defined before this point$/],
    ['a reference before the definition', ['Later', { type: 'fixed', name: 'Later', size: 1 }], /^at \[0\]: 'Later' is not/],
    ['a name defined twice', { type: 'record', name: 'R', fields: [{ name: 'a', type: { type: 'enum', name: 'R', symbols: ['X'] } }] }, /^at fields\[0\]\.type\.name: 'R' is already defined$/],
    ['an invalid name', { type: 'record', name: '1abc', fields: [] }, /^at name: '1abc' is not a valid Avro name/],
    ['a primitive name for a named type', { type: 'fixed', name: 'int', size: 1 }, /cannot name a fixed/],
    ['a record without fields', { type: 'record', name: 'R' }, /^at fields: record R needs a 'fields' array$/],
    ['a field without a type', { type: 'record', name: 'R', fields: [{ name: 'a' }] }, /^at fields\[0\]: field 'a' needs a 'type'$/],
    ['a duplicate field', { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }, { name: 'a', type: 'int' }] }, /^at fields\[1\]\.name: record R already has a field 'a'$/],
    ['a union in a union', ['null', ['int']], /^at \[1\]: a union may not directly contain another union$/],
    ['two branches of one kind', ['int', { type: 'int', logicalType: 'date' }], /^at \[1\]: the union already has a int branch$/],
    ['an empty union', [], /a union needs at least one branch/],
    ['an enum with a duplicate symbol', { type: 'enum', name: 'E', symbols: ['A', 'A'] }, /^at symbols\[1\]: symbol 'A' appears twice$/],
    ['an enum default that is not a symbol', { type: 'enum', name: 'E', symbols: ['A'], default: 'B' }, /^at default: the enum default must be one of its symbols/],
    ['a fixed without a size', { type: 'fixed', name: 'F' }, /^at size: a fixed schema needs a non-negative integer size$/],
    ['an array without items', { type: 'record', name: 'R', fields: [{ name: 'a', type: { type: 'array' } }] }, /^at fields\[0\]\.type: an array schema needs 'items'$/],
    ['a default of the wrong type', { type: 'record', name: 'R', fields: [{ name: 'n', type: 'int', default: 'x' }] }, /^at fields\[0\]\.default: the default is not a valid int: expected a 32-bit integer$/],
    ['a union default not of the first branch', { type: 'record', name: 'R', fields: [{ name: 'n', type: ['null', 'int'], default: 1 }] }, /^at fields\[0\]\.default: the default is not a valid null/],
    ['a number as a schema', { type: 'map', values: 3 }, /^at values: expected a type name, a schema object or a union array, found number$/],
    ['an object without a type', { name: 'x' }, /^at the top level: the schema object has no 'type'$/],
    ['text that is not JSON', '{"type": ', /^at the top level: the schema is not valid JSON/],
    ['a bad field order', { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int', order: 'up' }] }, /^at fields\[0\]\.order: order must be one of ascending, descending, ignore$/],
  ];
  for (const [name, schema, re] of bad) {
    it(name, () => {
      assert.throws(() => parseAvroSchema(schema), (e: unknown) => e instanceof AvroSchemaError && re.test(e.message), String(re));
    });
  }
  it('a schema nested beyond the limit is refused, not a stack overflow', () => {
    let s: unknown = 'int';
    for (let i = 0; i < 5000; i++) s = { type: 'array', items: s };
    assert.throws(() => parseAvroSchema(s), (e: unknown) => e instanceof AvroSchemaError && /nests deeper than 256 levels/.test(e.message));
  });
});
