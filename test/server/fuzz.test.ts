/** Random edits of real pipelines: the service must never throw and must always answer. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { docOf, service, REGISTRY } from './helpers';
import { prng as mulberry32 } from '../../engine/sources/sample';


const examplesDir = path.join(__dirname, '..', '..', 'examples');
const corpus: string[] = readdirSync(examplesDir).filter((f) => f.endsWith('.asp.json')).map((f) => readFileSync(path.join(examplesDir, f), 'utf8'));
corpus.push(
  '[{"$source":{"connectionName":"kafka1","topic":"t"}},{"$hoppingWindow":{"interval":{"size":10,"unit":"second"},"hopSize":{"size":5,"unit":"second"},"pipeline":[{"$group":{"_id":"$k","n":{"$sum":1},"top":{"$top":{"sortBy":{"v":-1},"output":"$v"}}}},{"$sort":{"n":-1}}]}},{"$lookup":{"from":{"connectionName":"atlas1","db":"d","coll":"c"},"localField":"_id","foreignField":"k","as":"j"}},{"$unwind":"$j"},{"$merge":{"into":{"connectionName":"atlas1","db":"d","coll":"o"}}}]',
  '{"name":"p","pipeline":[{"$source":{"documents":[{"a":1,"b":{"c":"x"}}]}},{"$set":{"x":{"$let":{"vars":{"q":"$a"},"in":{"$map":{"input":[1,2],"as":"i","in":{"$add":["$$i","$$q"]}}}}}}},{"$project":{"a":0}},{"$emit":{"connectionName":"__testLog"}}],"options":{"dlq":{"connectionName":"local","db":"x","coll":"y"}}}',
);

const GARBAGE = ['{', '}', '[', ']', '"', ':', ',', '$', '$$', 'a', ' ', '\n', 'null', '"$', '{"$', '\\', '1e', '/*', '//'];

function mutate(text: string, rnd: () => number): string {
  const pos = Math.floor(rnd() * (text.length + 1));
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return text.slice(0, pos);
    case 1:
      return text.slice(0, pos) + text.slice(pos + 1 + Math.floor(rnd() * 20));
    case 2:
      return text.slice(0, pos) + GARBAGE[Math.floor(rnd() * GARBAGE.length)] + text.slice(pos);
    default: {
      const len = Math.floor(rnd() * 40);
      return text.slice(0, pos) + text.slice(pos, pos + len) + text.slice(pos);
    }
  }
}

test('random edits never crash the service and every feature answers', () => {
  const s = service(REGISTRY);
  const rnd = mulberry32(20261124);
  let answered = 0;
  for (let i = 0; i < 400; i++) {
    let text = corpus[Math.floor(rnd() * corpus.length)]!;
    const edits = 1 + Math.floor(rnd() * 3);
    for (let e = 0; e < edits; e++) text = mutate(text, rnd);
    const uri = rnd() < 0.1 ? 'file:///ws/asp.connections.json' : 'file:///ws/fuzz.asp.json';
    const doc = docOf(rnd() < 0.05 ? '' : text, uri);
    const ctx = `iteration ${i}: ${JSON.stringify(doc.getText().slice(0, 300))}`;
    try {
      assert.ok(Array.isArray(s.validate(doc)), ctx);
      for (let k = 0; k < 3; k++) {
        const pos = doc.positionAt(Math.floor(rnd() * (doc.getText().length + 1)));
        assert.ok(Array.isArray(s.complete(doc, pos).items), ctx);
        s.hover(doc, pos);
        s.signatureHelp(doc, pos);
        s.definition(doc, pos);
        assert.ok(Array.isArray(s.codeActions(doc, { start: pos, end: pos }, s.validate(doc))), ctx);
      }
      assert.ok(Array.isArray(s.documentSymbols(doc)), ctx);
      assert.ok(Array.isArray(s.foldingRanges(doc)), ctx);
      assert.ok(Array.isArray(s.semanticTokens(doc).data), ctx);
      assert.ok(Array.isArray(s.format(doc, { tabSize: 2, insertSpaces: true })), ctx);
      answered++;
    } catch (e) {
      assert.fail(`${ctx}\n${e instanceof Error ? e.stack : String(e)}`);
    }
  }
  assert.equal(answered, 400);
});
