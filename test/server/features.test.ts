import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Hover, TextEdit } from 'vscode-languageserver-types';
import { at, docOf, service, REGISTRY } from './helpers';
import { TOKEN_LEGEND } from '../../server/service';

const s = service(REGISTRY);
const SRC = '{ "$source": { "connectionName": "sample_stream_solar" } }';
const SINK = '{ "$emit": { "connectionName": "__testLog" } }';

function hoverText(text: string): string {
  const { doc, pos } = at(text);
  const h: Hover | null = s.hover(doc, pos);
  return h ? (h.contents as { value: string }).value : '';
}

function apply(doc: TextDocument, edits: TextEdit[]): string {
  return TextDocument.applyEdits(doc, edits);
}

test('hover on a stage shows summary, syntax, docs link and inferred output fields', () => {
  const t = hoverText(`[ ${SRC}, { "$add|Fields": { "kw": 1 } } ]`);
  assert.match(t, /\*\*\$addFields\*\*/);
  assert.match(t, /https:\/\/www\.mongodb\.com\/docs/);
  assert.match(t, /`kw`: int/);
});

test('hover on an operator shows its docs', () => {
  assert.match(hoverText(`[ ${SRC}, { "$set": { "a": { "$con|cat": ["$device_id", "x"] } } } ]`), /\*\*\$concat\*\*/);
});

test('hover on a connection shows type and target, never a secret', () => {
  const t = hoverText(`[ ${SRC}, { "$merge": { "into": { "connectionName": "atl|as1", "db": "a", "coll": "b" } } } ]`);
  assert.match(t, /Cluster connection/);
  assert.match(t, /127\.0\.0\.1:27017/);
  assert.doesNotMatch(t, /user|PW|tls/);
  assert.doesNotMatch(hoverText(`[ ${SRC}, { "$https": { "connectionName": "w|eb" } } ]`), /token/);
});

test('hover on a field path shows its inferred type', () => {
  assert.match(hoverText(`[ ${SRC}, { "$set": { "w": "$obs.wa|tts" } } ]`), /`\$obs\.watts`: int/);
});

test('document symbols outline the stages with targets, windows nested', () => {
  const d = docOf(`{ "name": "p", "pipeline": [ ${SRC}, { "$tumblingWindow": { "interval": { "size": 5, "unit": "second" }, "pipeline": [ { "$group": { "_id": null } } ] } }, { "$merge": { "into": { "connectionName": "local", "db": "d", "coll": "c" } } } ] }`);
  const [pipe] = s.documentSymbols(d);
  assert.equal(pipe!.name, 'pipeline (p)');
  assert.deepEqual(pipe!.children!.map((c) => [c.name, c.detail]), [['$source', 'sample_stream_solar'], ['$tumblingWindow', '5 second'], ['$merge', 'local → d.c']]);
  assert.equal(pipe!.children![1]!.children![0]!.name, '$group');
});

test('folding ranges cover multi-line objects and arrays', () => {
  const d = docOf('[\n  {\n    "$source": {\n      "connectionName": "x"\n    }\n  }\n]');
  assert.deepEqual(s.foldingRanges(d).map((r) => [r.startLine, r.endLine]), [[0, 5], [1, 4], [2, 3]]);
});

test('formatting is stable', () => {
  const d = docOf('[{"$source":{"connectionName":"sample_stream_solar"}},{"$match":{"a":1}}]');
  const once = apply(d, s.format(d, { tabSize: 2, insertSpaces: true }));
  assert.match(once, /\n  \{\n    "\$source": \{/);
  const d2 = docOf(once);
  assert.deepEqual(s.format(d2, { tabSize: 2, insertSpaces: true }), []);
});

test('go to definition: connectionName → registry entry; $field → the stage that added it', () => {
  const { doc, pos } = at(`[ { "$source": { "connectionName": "kaf|ka1", "topic": "t" } }, ${SINK} ]`);
  const loc = s.definition(doc, pos)!;
  assert.equal(loc.uri, 'file:///ws/asp.connections.json');
  const reg = TextDocument.create(loc.uri, 'json', 1, REGISTRY);
  assert.equal(reg.getText(loc.range), '"kafka1"');
  const text = `[ ${SRC}, { "$addFields": { "kw": 1 } }, { "$set": { "x": "$k|w" } } ]`;
  const f = at(text);
  const def = s.definition(f.doc, f.pos)!;
  assert.equal(f.doc.getText(def.range), '"kw"');
  assert.equal(def.range.start.character, f.doc.getText().indexOf('"kw"'));
});

test('semantic tokens: stage, operator, field path, variable, connection', () => {
  const d = docOf(`[ ${SRC}, { "$set": { "a": { "$add": ["$obs.watts", "$$ROOT.x"] } } } ]`);
  const data = s.semanticTokens(d).data;
  const types: string[] = [];
  for (let i = 0; i < data.length; i += 5) types.push(TOKEN_LEGEND.tokenTypes[data[i + 3]!]!);
  assert.deepEqual(types, ['keyword', 'namespace', 'keyword', 'function', 'property', 'variable']);
});

test('signature help: operator argument position and window spec keys', () => {
  const a = at(`[ ${SRC}, { "$set": { "a": { "$substrCP": ["$device_id", 1, |] } } } ]`);
  const h = s.signatureHelp(a.doc, a.pos)!;
  assert.match(h.signatures[0]!.label, /\$substrCP/);
  assert.equal(h.activeParameter, 2);
  const w = at(`[ ${SRC}, { "$tumblingWindow": { "interval": { "size": 1, "unit": "|" }, "pipeline": [] } } ]`);
  const hw = s.signatureHelp(w.doc, w.pos)!;
  assert.match(hw.signatures[0]!.label, /\$tumblingWindow/);
});

function actions(text: string): { doc: TextDocument; list: CodeAction[] } {
  const { doc, pos } = at(text);
  const diagnostics = s.validate(doc);
  return { doc, list: s.codeActions(doc, { start: pos, end: pos }, diagnostics) };
}

function applied(doc: TextDocument, a: CodeAction): string {
  return apply(doc, a.edit!.changes![doc.uri]!);
}

test('code action: add a missing sink', () => {
  const { doc, list } = actions(`[ ${SRC}, { "$match": { "a": 1 } }| ]`);
  const a = list.find((x) => x.title.includes('$merge sink'))!;
  const out = JSON.parse(applied(doc, a));
  assert.deepEqual(Object.keys(out[2]), ['$merge']);
  assert.equal(out[2].$merge.into.connectionName, 'local');
});

test('code action: move $group into the window, or wrap it in one', () => {
  const win = '{ "$tumblingWindow": { "interval": { "size": 1, "unit": "second" }, "pipeline": [] } }';
  const m = actions(`[ ${SRC}, ${win}, { "$gr|oup": { "_id": null } }, ${SINK} ]`);
  const out = JSON.parse(applied(m.doc, m.list.find((x) => x.title.startsWith('Move $group'))!));
  assert.equal(out.length, 3);
  assert.deepEqual(out[1].$tumblingWindow.pipeline, [{ $group: { _id: null } }]);
  const w = actions(`[ ${SRC}, { "$li|mit": 5 }, ${SINK} ]`);
  const wrapped = JSON.parse(applied(w.doc, w.list.find((x) => x.title.startsWith('Wrap $limit'))!));
  assert.deepEqual(wrapped[1].$tumblingWindow.pipeline, [{ $limit: 5 }]);
});

test('code action: convert $out to $merge', () => {
  const { doc, list } = actions(`[ ${SRC}, { "$o|ut": "results" } ]`);
  const out = JSON.parse(applied(doc, list.find((x) => x.title === 'Convert $out to $merge')!));
  assert.deepEqual(out[1], { $merge: { into: { connectionName: 'local', db: 'asp', coll: 'results' } } });
});

test('code action: add a DLQ to the processor options', () => {
  const { doc, list } = actions(`{ "name": "p", "pipeline": [ ${SRC}, { "$vali|date": { "validator": {}, "validationAction": "dlq" } }, ${SINK} ] }`);
  const out = JSON.parse(applied(doc, list.find((x) => x.title.startsWith('Add a DLQ'))!));
  assert.deepEqual(out.options.dlq, { connectionName: 'local', db: 'asp', coll: 'p_dlq' });
  assert.deepEqual(s.validate(docOf(JSON.stringify(out))), []);
});

test('code action: create a missing connection entry in the registry', () => {
  const { list } = actions(`[ ${SRC}, { "$merge": { "into": { "connectionName": "wareho|use", "db": "a", "coll": "b" } } } ]`);
  const a = list.find((x) => x.title.startsWith("Create connection 'warehouse'"))!;
  assert.match(a.title, /Cluster/);
  const edits = a.edit!.changes!['file:///ws/asp.connections.json']!;
  const reg = TextDocument.create('file:///ws/asp.connections.json', 'json', 1, REGISTRY);
  const after = JSON.parse(TextDocument.applyEdits(reg, edits));
  assert.deepEqual(after.connections.at(-1), { name: 'warehouse', type: 'Cluster', uri: 'mongodb://127.0.0.1:27017' });
});

test('code action: did-you-mean quick fix', () => {
  const { doc, list } = actions(`[ ${SRC}, { "$mat|h": {} }, ${SINK} ]`);
  const a = list.find((x) => x.title === "Change to '$match'")!;
  assert.equal(JSON.parse(applied(doc, a))[1].$match !== undefined, true);
});

test('code action: $https urlPath (not an Atlas field) is fixed to path', () => {
  const { doc, list } = actions(`[ ${SRC}, { "$https": { "connectionName": "web", "url|Path": "orders", "as": "r" } }, ${SINK} ]`);
  const a = list.find((x) => x.title === "Change to 'path'")!;
  assert.ok(a, JSON.stringify(list.map((x) => x.title)));
  const https = JSON.parse(applied(doc, a))[1].$https;
  assert.equal(https.path, 'orders');
  assert.equal(https.urlPath, undefined);
});
