import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The injection's patterns use only syntax that JavaScript and Oniguruma read alike, so the
// first matching pattern at a quote can be checked here the way the tokenizer picks it.
const g = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'syntaxes', 'asp-injection.tmLanguage.json'), 'utf8'));
const order: string[] = g.patterns.map((p: { include: string }) => p.include.slice(1));
const rules = order.map((name) => ({ name, re: new RegExp(`^(?:${g.repository[name].match})`) }));

function classify(text: string): [string, string] | undefined {
  for (const r of rules) {
    const m = r.re.exec(text);
    if (m) {
      const captures = g.repository[r.name].captures as Record<string, { name: string }>;
      const inner = Object.entries(captures).find(([, v]) => /asp$/.test(v.name));
      return [r.name, inner ? m[Number(inner[0])]! : ''];
    }
  }
  return undefined;
}

const CASES: [string, [string, string] | undefined][] = [
  ['"$source": {', ['stage-key', '$source']],
  ['"$tumblingWindow" : {', ['stage-key', '$tumblingWindow']],
  ['"$divide": [', ['operator-key', '$divide']],
  ['"$sourceX": 1', ['operator-key', '$sourceX']],
  ['"$$ROOT"', ['variable-value', '$$ROOT']],
  ['"$$this.price" }', ['variable-value', '$$this']],
  ['"$obs.watts" ]', ['field-path-value', '$obs.watts']],
  ['"$watts", 1000', ['field-path-value', '$watts']],
  ['"name": "x"', undefined],
  ['"plain"', undefined],
  ['"$"', undefined],
  ['"a $b"', undefined],
];

for (const [text, expected] of CASES) {
  test(`grammar: ${text}`, () => assert.deepEqual(classify(text), expected));
}

test('the injection targets the asp-json grammar outside strings and comments', () => {
  assert.equal(g.injectionSelector, 'L:source.asp-json -string -comment');
});
