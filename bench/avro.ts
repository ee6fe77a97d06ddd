/**
 * Avro decode throughput: engine/avro's interpreted codec (reader closures, longs as bigints,
 * unions wrapped, as the Schema Registry source uses it) against avsc's compiled codec (code
 * generated per schema with new Function), on the same Confluent-style record bodies: avsc
 * with its default options (longs as numbers, unions unwrapped: its fastest) as the baseline,
 * and avsc set up as the Schema Registry codec used it before (longs as bigints, unions
 * wrapped) beside it. Encoding is measured against the default avsc the same way.
 */
import * as avro from 'avsc';
import { decodeAvro } from '../engine/avro/decode';
import { encodeAvro } from '../engine/avro/encode';
import { parseAvroSchema } from '../engine/avro/parse';
import type { AvroValue } from '../engine/avro/types';
import { median, ratioFields, sig3 } from './rounds';
import { inRounds, type Bench } from './types';
import { avscType } from '../test/helpers/avsc';

const SCHEMA = {
  type: 'record', name: 'Reading', namespace: 'bench', fields: [
    { name: 'sensor', type: 'string' },
    { name: 'site', type: 'string' },
    { name: 'value', type: 'double' },
    { name: 'count', type: 'long' },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'state', type: { type: 'enum', name: 'State', symbols: ['OK', 'WARN', 'FAIL'] } },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attrs', type: { type: 'map', values: 'int' } },
  ],
};

export const bench: Bench = {
  name: 'avro',
  async run({ seconds }) {
    const ours = parseAvroSchema(SCHEMA);
    const theirs = avro.Type.forSchema(SCHEMA as avro.Schema);
    const before = avscType(SCHEMA);
    const values = Array.from({ length: 1000 }, (_, i): AvroValue => ({
      sensor: `sensor-${i % 97}`, site: 'plant-north', value: i / 7, count: BigInt(i * 1000), at: BigInt(1_700_000_000_000 + i),
      state: ['OK', 'WARN', 'FAIL'][i % 3]!, note: i % 4 === 0 ? { string: 'checked' } : null, tags: ['a', 'b'].slice(0, i % 3), attrs: { x: i, y: -i },
    }));
    const bodies = values.map((v) => encodeAvro(ours, v));
    const plain = bodies.map((b) => theirs.fromBuffer(b) as unknown);
    let sink = 0;
    const decode = inRounds({
      ours: () => {
        for (const b of bodies) sink += (decodeAvro(ours, b) as Record<string, unknown>)['value'] as number;
      },
      base: () => {
        for (const b of bodies) sink += (theirs.fromBuffer(b) as Record<string, number>)['value']!;
      },
      before: () => {
        for (const b of bodies) sink += (before.fromBuffer(b) as Record<string, number>)['value']!;
      },
    }, bodies.length, seconds * 0.7);
    const encode = inRounds({
      ours: () => {
        for (const v of values) sink += encodeAvro(ours, v).length;
      },
      base: () => {
        for (const v of plain) sink += theirs.toBuffer(v).length;
      },
    }, values.length, seconds * 0.3);
    if (sink === 0) throw new Error('no output was produced');
    return {
      ...ratioFields(decode.ours, decode.base),
      avscAsBeforeDocsPerSec: median(decode.before),
      ratioToAvscAsBefore: sig3(median(decode.ours) / median(decode.before)),
      encodeDocsPerSec: median(encode.ours),
      baselineEncodeDocsPerSec: median(encode.base),
      encodeRatio: sig3(median(encode.ours) / median(encode.base)),
      bodyBytes: sig3(bodies.reduce((n, b) => n + b.length, 0) / bodies.length),
    };
  },
};
