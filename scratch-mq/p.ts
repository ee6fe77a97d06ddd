import { EJSON, serialize, deserialize, calculateObjectSize } from 'bson';
import { BSON_UNDEFINED } from '/work/wt/mql-undef/engine/bson/undefined';
import { parseEJSON, toRelaxedJSON, toCanonicalJSON, fromCanonicalJSON } from '/work/wt/mql-undef/engine/json/ejson';
import { normalizeNumbers } from '/work/wt/mql-undef/engine/bson/numbers';
import { evaluate } from '/work/wt/mql-undef/engine/expr/compile';
import { docBsonSize } from '/work/wt/mql-undef/engine/bson/docSize';
const d = { a: BSON_UNDEFINED, b: [BSON_UNDEFINED] };
console.log(EJSON.stringify(d), EJSON.stringify(d, { relaxed: false }), JSON.stringify(EJSON.serialize(d)));
const bytes = serialize(d); console.log(deserialize(bytes), calculateObjectSize(d), bytes.length);
console.log(toRelaxedJSON(d), toCanonicalJSON(d), parseEJSON('{"a":{"$undefined":true}}'), fromCanonicalJSON(toCanonicalJSON(d)));
// type 6 bytes by hand: {a: undefined}
const raw = Buffer.from([0x0c,0,0,0, 0x06, 0x61, 0, 0x0a, 0x62, 0, 0]); raw.writeInt32LE(raw.length,0);
const dec = deserialize(raw, { promoteValues: false }); console.log(dec, 'a' in dec, normalizeNumbers(dec));
for (const e of [{$type: '$a'}, {$eq: ['$a', '$nope']}, {$eq: ['$a', null]}, {$cmp: ['$a', null]}, {$cmp: [null, '$a']}, {$ifNull: ['$a', 'r']}, {$add: ['$a', 1]}, {$lt: ['$a', null]}, {$eq: ['$nope', '$a']}, {$isNumber: '$a'}, {$toString: '$a'}, {$concat: ['x', '$a']}, {$not: ['$a']}, {$bsonSize: {x: '$a'}}])
  console.log(JSON.stringify(e), (() => { try { return evaluate(e, d); } catch (x) { return 'ERR ' + (x as Error).message; } })());
