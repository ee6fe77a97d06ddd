/**
 * Property tests for engine/avro over seeded random schemas and values: every value survives
 * encode -> decode, the bytes agree byte for byte with avsc (an independent implementation,
 * loaded by this test only), ours reads what avsc writes, and any truncation or corruption of
 * valid bytes ends in an AvroDecodeDataError, never another error or a hang.
 * ASP_TEST_SEED replays a run.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAvro } from '../../../engine/avro/decode';
import { encodeAvro } from '../../../engine/avro/encode';
import { AvroDecodeDataError } from '../../../engine/avro/errors';
import { parseAvroSchema } from '../../../engine/avro/parse';
import { toJson } from '../../../engine/avro/exportSchema';
import type { AvroValue } from '../../../engine/avro/types';
import { testSeed } from '../../helpers/recovery';
import { gen, genSchema, genValue } from './_generate';
import { avscType } from '../../helpers/avsc';

const SEED = testSeed(20261203);
const SCHEMAS = 300;
const VALUES = 5;

describe(`Avro round trips and agreement with avsc (seed ${SEED})`, () => {
  it('encode -> decode is the identity; the bytes are the ones avsc writes; ours reads avsc\'s bytes', () => {
    const g = gen(SEED);
    const kinds = new Set<string>();
    for (let s = 0; s < SCHEMAS; s++) {
      const json = genSchema(g);
      const t = parseAvroSchema(json);
      const theirs = avscType(json);
      for (let k = 0; k < VALUES; k++) {
        const v = genValue(g, t);
        const ctx = `schema ${JSON.stringify(json)} value #${k}`;
        const bytes = encodeAvro(t, v);
        assert.deepEqual(decodeAvro(t, bytes), v, ctx);
        const avscBytes = theirs.toBuffer(v);
        assert.ok(bytes.equals(avscBytes), `${ctx}: ours ${bytes.toString('hex')} avsc ${avscBytes.toString('hex')}`);
        assert.deepEqual(decodeAvro(t, avscBytes), v, ctx);
        kinds.add(JSON.stringify(json).length > 200 ? 'large' : 'small');
      }
    }
    assert.deepEqual([...kinds].sort(), ['large', 'small'], 'both small and nested schemas were generated');
  });

  it('the exported schema parses back to a type that writes the same bytes', () => {
    const g = gen(SEED + 1);
    for (let s = 0; s < 100; s++) {
      const json = genSchema(g);
      const t = parseAvroSchema(json);
      const again = parseAvroSchema(JSON.parse(JSON.stringify(toJson(t))));
      const v = genValue(g, t);
      assert.ok(encodeAvro(again, v).equals(encodeAvro(t, v)), JSON.stringify(json));
    }
  });

  it('every truncation and random corruption of valid bytes is a decode error or a value, never a crash', () => {
    const g = gen(SEED + 2);
    let errors = 0;
    for (let s = 0; s < 150; s++) {
      const json = genSchema(g);
      const t = parseAvroSchema(json);
      const bytes = encodeAvro(t, genValue(g, t));
      const variants: Buffer[] = [];
      for (let n = 0; n < bytes.length; n++) variants.push(bytes.subarray(0, n));
      for (let k = 0; k < 10 && bytes.length > 0; k++) {
        const c = Buffer.from(bytes);
        c[g.int(c.length)] = g.int(256);
        variants.push(c, Buffer.concat([c, Buffer.from([g.int(256)])]));
      }
      for (const b of variants) {
        let out: AvroValue | undefined;
        try {
          out = decodeAvro(t, b);
        } catch (e) {
          assert.ok(e instanceof AvroDecodeDataError, `${JSON.stringify(json)} ${b.toString('hex')}: ${String(e)}`);
          assert.match(e.message, /\(at byte \d+\)$/);
          errors++;
          continue;
        }
        // What decodes is a real value of the schema: it writes and reads back unchanged.
        assert.deepEqual(decodeAvro(t, encodeAvro(t, out)), out, `${JSON.stringify(json)} ${b.toString('hex')}`);
      }
    }
    assert.ok(errors > 0, 'some variants were refused');
  });
});
