/** The embedded `local` store: CRUD, filters, durability across reopen, compaction, torn lines. */
import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Double, Long, ObjectId } from 'bson';
import { LocalStore } from '../../../engine/store/localStore';
import { compileStoreFilter } from '../../../engine/store/filter';
import type { Doc } from '../../../engine/core/types';

describe('local store', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-store-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('inserts, finds, upserts, replaces, updates and deletes', async () => {
    const s = new LocalStore(dir);
    const c = s.collection('db', 'c');
    c.insertMany([{ _id: 1, a: 1 }, { _id: 2, a: 2, tags: ['x', 'y'] }]);
    const id = c.insertOne({ a: 3 });
    assert.ok(id instanceof ObjectId);
    assert.deepEqual(c.find({ _id: 1 }), [{ _id: 1, a: 1 }]);
    assert.deepEqual(c.find({ tags: 'y' }).map((d) => d['_id']), [2]);
    assert.throws(() => c.insertOne({ _id: 1 }), /E11000 duplicate key error collection: db.c index: _id_ dup key: \{ _id: 1 \}/);
    assert.deepEqual(c.updateOne({ _id: 1 }, { $set: { b: 2 } }, false), { matched: true });
    assert.deepEqual(c.find({ _id: 1 }), [{ _id: 1, a: 1, b: 2 }]);
    assert.deepEqual(c.updateOne({ _id: 9 }, { $set: { b: 9 } }, true), { matched: false });
    assert.deepEqual(c.find({ _id: 9 }), [{ _id: 9, b: 9 }]);
    c.updateOne({ _id: 9 }, { $setOnInsert: { b: 0 } }, true);
    assert.deepEqual(c.find({ _id: 9 }), [{ _id: 9, b: 9 }], '$setOnInsert only on insert');
    c.replaceOne({ a: 2 }, { z: 1 }, false);
    assert.deepEqual(c.find({ _id: 2 }), [{ _id: 2, z: 1 }]);
    assert.throws(() => c.replaceOne({ _id: 2 }, { _id: 3, z: 1 }, false), /\(immutable\) field '_id'/);
    assert.deepEqual(c.deleteOne({ _id: 2 }), { deleted: true });
    assert.deepEqual(c.deleteOne({ _id: 2 }), { deleted: false });
    assert.equal(c.size, 3);
    await s.close();
  });

  it('keys _id as the unique index compares it: 2, 2.0 and NumberLong(2) are one _id', async () => {
    // https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/#numeric-types
    const s = new LocalStore(dir);
    const c = s.collection('db', 'n');
    c.insertOne({ _id: 2, a: 1 });
    assert.throws(() => c.insertOne({ _id: new Double(2) }), /E11000 duplicate key error collection: db.n index: _id_ dup key: \{ _id: 2\.0 \}/);
    assert.throws(() => c.insertOne({ _id: Long.fromNumber(2) }), /E11000 duplicate key/);
    assert.deepEqual(c.find({ _id: new Double(2) }), [{ _id: 2, a: 1 }]);
    c.updateOne({ _id: Long.fromNumber(2) }, { $set: { b: 1 } }, true);
    assert.equal(c.size, 1);
    assert.deepEqual(c.find({ _id: 2 }), [{ _id: 2, a: 1, b: 1 }]);
    c.insertOne({ _id: '2' });
    assert.equal(c.size, 2, 'the string "2" is another _id');
    await s.close();
  });

  it('survives a reopen, keeps BSON types, and ignores a torn last line', async () => {
    const s = new LocalStore(dir);
    const c = s.collection('d b', 'c/1');
    c.insertOne({ _id: Long.fromNumber(5), at: new Date(0), n: 1.5 });
    c.insertOne({ _id: 'gone' });
    c.deleteOne({ _id: 'gone' });
    await s.flush();
    await s.close();
    const file = path.join(dir, 'store', encodeURIComponent('d b'), `${encodeURIComponent('c/1')}.jsonl`);
    fs.appendFileSync(file, '{"p": {"_id": 7');
    const s2 = new LocalStore(dir);
    const docs = s2.collection('d b', 'c/1').find({});
    assert.equal(docs.length, 1);
    assert.ok(docs[0]!['_id'] instanceof Long);
    assert.ok(docs[0]!['at'] instanceof Date);
    assert.deepEqual(s2.listCollections(), [{ db: 'd b', coll: 'c/1' }]);
    await s2.close();
  });

  it('compacts a log dominated by overwritten documents', async () => {
    const s = new LocalStore(dir);
    const c = s.collection('db', 'hot');
    for (let i = 0; i < 3000; i++) c.replaceOne({ _id: i % 10 }, { v: i }, true);
    await c.flush();
    await c.flush();
    const file = path.join(dir, 'store', 'db', 'hot.jsonl');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').length;
    assert.equal(lines, 10);
    await s.close();
    const again = new LocalStore(dir).collection('db', 'hot');
    assert.deepEqual(again.find({ _id: 3 }), [{ _id: 3, v: 2993 }]);
  });
});

describe('store filters', () => {
  const doc: Doc = { a: 1, b: { c: 'x' }, arr: [1, 2], n: null };
  const cases: [Doc, boolean][] = [
    [{ a: 1 }, true],
    [{ a: 2 }, false],
    [{ 'b.c': 'x' }, true],
    [{ arr: 2 }, true],
    [{ arr: [1, 2] }, true],
    [{ missing: null }, true],
    [{ n: null }, true],
    [{ a: null }, false],
    [{ a: { $in: [5, 1] } }, true],
    [{ a: { $ne: 1 } }, false],
    [{ missing: { $exists: false } }, true],
    [{ a: 'wrong type' }, false],
    [{ $or: [{ a: 2 }, { 'b.c': 'x' }] }, true],
    [{ $and: [{ a: 1 }, { arr: 3 }] }, false],
  ];
  for (const [filter, expected] of cases) {
    it(`${JSON.stringify(filter)} -> ${expected}`, () => assert.equal(compileStoreFilter(filter)(doc), expected));
  }
  it('refuses operators it does not know', () => assert.throws(() => compileStoreFilter({ a: { $regex: 'x' } }), /does not support the query operator \$regex/));
});
